namespace Meridian.Perf.Tests;

/// <summary>The process-wide scope sees every thread, so these tests must not run beside others.</summary>
[CollectionDefinition(nameof(NotParallel), DisableParallelization = true)]
public sealed class NotParallel
{
}

[Collection(nameof(NotParallel))]
public sealed class CrossThreadAllocationTests
{
    private static object? s_sink;

    [Fact]
    public void Work_on_another_thread_is_invisible_to_the_thread_scope_and_visible_to_the_process_scope()
    {
        RunOnThePoolAndWait(1);

        var process = ProcessAllocationScope.Begin();
        var thread = AllocationScope.Begin();
        RunOnThePoolAndWait(100_000);
        long threadBytes = thread.End();
        long processBytes = process.End();

        Assert.True(threadBytes < 1_000, $"the thread scope read {threadBytes} B");
        Assert.True(processBytes >= 100_024, $"the process scope read {processBytes} B");
    }

    // Waits on an event, not on the task: Task.Wait may run a task that has not started yet inline, on this thread.
    private static void RunOnThePoolAndWait(int bytes)
    {
        using var done = new ManualResetEventSlim();
        Task.Run(() =>
        {
            s_sink = new byte[bytes];
            done.Set();
        });
        done.Wait();
    }
}
