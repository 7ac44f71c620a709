namespace Meridian.Perf.Profiling.Tests;

/// <summary>One CPU profile of the hot/cold workload, shared by the tests that check its content and formats.</summary>
public sealed class HotMethodProfileFixture
{
    public HotMethodProfileFixture()
    {
        // Warm up: the profile should show optimized code, not the JIT compiling it.
        Workloads.HotAndCold(TimeSpan.FromMilliseconds(30));
        Profile = CpuProfiler.Profile(() => Workloads.HotAndCold(TimeSpan.FromMilliseconds(700)));
    }

    public CpuProfile Profile { get; }
}
