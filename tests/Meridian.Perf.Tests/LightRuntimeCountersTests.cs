namespace Meridian.Perf.Tests;

public sealed class LightRuntimeCountersTests
{
    private static object? s_sink;

    [Fact]
    public void Capture_allocates_nothing()
    {
        LightRuntimeCounters.Capture();
        var scope = AllocationScope.Begin();
        var before = LightRuntimeCounters.Capture();
        var after = LightRuntimeCounters.Capture();
        _ = after - before;

        Assert.Equal(0, scope.End());
    }

    [Fact]
    public void Delta_counts_this_threads_bytes_exactly()
    {
        var before = LightRuntimeCounters.Capture();
        s_sink = new int[1000];
        var after = LightRuntimeCounters.Capture();
        var delta = after - before;

        Assert.Equal(4024, delta.ThreadAllocatedBytes);
        Assert.Equal(delta, LightRuntimeCounters.Subtract(after, before));
    }

    [Fact]
    public void Delta_sees_a_forced_collection_as_the_full_counters_do()
    {
        var lightBefore = LightRuntimeCounters.Capture();
        var fullBefore = RuntimeCounters.Capture();
        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        var full = RuntimeCounters.Capture() - fullBefore;
        var light = LightRuntimeCounters.Capture() - lightBefore;

        // The light window encloses the full one, and every counter only grows.
        Assert.True(full.Gen0Collections >= 1);
        Assert.True(light.Gen0Collections >= full.Gen0Collections);
        Assert.True(light.GcPauseTime >= full.GcPauseTime);
        Assert.True(light.JitCompiledMethods >= full.JitCompiledMethods);
    }

    [Fact]
    public void Formats_on_one_line()
    {
        string text = new LightRuntimeCounters(1, 0, 0, TimeSpan.FromMilliseconds(2), 3, 40, TimeSpan.Zero, 24, 8192).ToString();

        Assert.Equal("gc0 1, gc1 0, gc2 0, gc pause 2 ms, jit 3 methods / 40 B IL / 0 ms, allocated 24 B on this thread, ~8192 B in the process", text);
    }
}
