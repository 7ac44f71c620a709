namespace Meridian.Perf.Tests;

public sealed class AsyncAllocationTests
{
    private static object? s_sink;
    private static int s_counter;

    [Fact]
    public void Async_method_that_completes_synchronously_allocates_nothing()
    {
        var report = Allocations.Measure(static () => CompletesSynchronously(5));

        Assert.True(report.IsAsync);
        Assert.Equal(0, report.BytesPerCall);
    }

    [Fact]
    public void ValueTask_method_that_completes_synchronously_allocates_nothing()
    {
        var report = Allocations.Measure(static () => CompletesSynchronouslyValueTask(5));

        Assert.Equal(0, report.BytesPerCall);
    }

    [Fact]
    public void Suspending_body_is_measured_exactly_on_the_pump()
    {
        var plain = Allocations.Measure(static () => Suspends(allocate: false));
        var withObject = Allocations.Measure(static () => Suspends(allocate: true));

        Assert.True(plain.IsReliable, plain.UnreliableReason);
        Assert.True(withObject.IsReliable, withObject.UnreliableReason);
        Assert.Single(plain.WindowBytes.Distinct());
        Assert.True(plain.BytesPerCall > 0, "a suspended async method allocates its state machine box");

        // The only difference between the two bodies is one object stored to a static field.
        Assert.Equal(24, withObject.BytesPerCall - plain.BytesPerCall);
    }

    [Fact]
    public void Suspending_on_a_timer_resumes_on_the_measuring_thread()
    {
        var report = Allocations.Measure(static async () => await Task.Delay(1), new AllocationOptions { WarmupCalls = 1, Windows = 2, CallsPerWindow = 3 });

        Assert.True(report.IsReliable, report.UnreliableReason);
        Assert.NotNull(report.BytesPerCall);
    }

    [Fact]
    public void Work_that_leaves_the_thread_is_reported_unreliable_not_as_a_number()
    {
        var report = Allocations.Measure(static async () =>
        {
            await Task.Yield();
            await Task.Delay(1).ConfigureAwait(false);
            s_sink = new byte[10_000];
        }, new AllocationOptions { WarmupCalls = 1, Windows = 2, CallsPerWindow = 2 });

        Assert.False(report.IsReliable);
        Assert.Null(report.BytesPerCall);
        Assert.StartsWith("work left the measuring thread", report.UnreliableReason);
    }

    [Fact]
    public void Assertions_fail_when_work_left_the_thread()
    {
        var failure = Assert.Throws<AllocationAssertionException>(() => Allocations.AssertNone(
            static () => Task.Run(static () => s_sink = new byte[10_000]),
            new AllocationOptions { WarmupCalls = 0, Windows = 1, CallsPerWindow = 1 }));

        Assert.StartsWith("Expected no allocations, but the measurement is unreliable: work left the measuring thread", failure.Message);
    }

    [Fact]
    public void Synchronous_body_that_hands_work_to_the_pool_is_unreliable_too()
    {
        // Waiting on an event, not on the task: Task.Wait may run a task that has not started yet inline, on this thread.
        var report = Allocations.Measure(
            static () =>
            {
                using var done = new ManualResetEventSlim();
                Task.Run(() =>
                {
                    s_sink = new byte[10_000];
                    done.Set();
                });
                done.Wait();
            },
            new AllocationOptions { WarmupCalls = 0, Windows = 1, CallsPerWindow = 2 });

        Assert.False(report.IsReliable);
    }

    [Fact]
    public void Pump_is_removed_after_measuring()
    {
        var before = SynchronizationContext.Current;
        Allocations.Measure(static async () => await Task.Yield(), new AllocationOptions { WarmupCalls = 0, Windows = 1, CallsPerWindow = 1 });

        Assert.Same(before, SynchronizationContext.Current);
    }

    [Fact]
    public void Async_exceptions_propagate()
    {
        Assert.Throws<TimeZoneNotFoundException>(() => Allocations.Measure(static async () =>
        {
            await Task.Yield();
            throw new TimeZoneNotFoundException();
        }));
    }

#pragma warning disable CS1998 // deliberately synchronous async methods
    // A non-generic Task completed synchronously is the cached completed task. (A Task<int> would be allocated for any
    // result outside the runtime's small cache of -1..8, so that is not a zero-allocation case.)
    private static async Task CompletesSynchronously(int value) => s_counter += value;

    private static async ValueTask<int> CompletesSynchronouslyValueTask(int value) => value * 2;
#pragma warning restore CS1998

    private static async Task Suspends(bool allocate)
    {
        await Task.Yield();
        if (allocate)
        {
            s_sink = new object();
        }
    }
}
