namespace Meridian.Perf.Tests;

public sealed class RuntimeCountersTests
{
    private static object? s_sink;

    [Fact]
    public void Capture_allocates_nothing()
    {
        RuntimeCounters.Capture();
        var scope = AllocationScope.Begin();
        var before = RuntimeCounters.Capture();
        var after = RuntimeCounters.Capture();
        _ = after - before;

        Assert.Equal(0, scope.End());
    }

    [Fact]
    public void Delta_counts_this_threads_bytes_exactly()
    {
        var before = RuntimeCounters.Capture();
        s_sink = new int[1000];
        var delta = RuntimeCounters.Capture() - before;

        Assert.Equal(4024, delta.ThreadAllocatedBytes);
    }

    [Fact]
    public void Delta_sees_a_forced_collection()
    {
        var before = RuntimeCounters.Capture();
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var delta = RuntimeCounters.Capture() - before;

        Assert.True(delta.Gen0Collections >= 1);
        Assert.True(delta.GcPauseTime >= TimeSpan.Zero);
    }

    [Fact]
    public void Delta_sees_lock_contention()
    {
        var gate = new object();
        var before = RuntimeCounters.Capture();
        ContendedLock.EnterWhileHeld(gate, TimeSpan.FromMilliseconds(50));
        var delta = RuntimeCounters.Capture() - before;
        Assert.True(delta.LockContentions >= 1, delta.ToString());
    }

    [Fact]
    public void Delta_sees_jit_and_thread_pool_work()
    {
        var before = RuntimeCounters.Capture();
        Task.Run(static () => s_sink = new object()).Wait();
        var delta = RuntimeCounters.Capture() - before;

        Assert.True(delta.ThreadPoolCompletedWorkItems >= 1, delta.ToString());
        Assert.True(delta.JitCompiledMethods >= 1, delta.ToString());
    }
}
