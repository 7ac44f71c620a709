namespace Meridian.Perf.Profiling.Tests;

/// <summary>One CPU profile of the hot/cold workload, shared by the tests that check its content and formats.</summary>
public sealed class HotMethodProfileFixture
{
    public HotMethodProfileFixture()
    {
        // Warm up: the profile should show optimized code, not the JIT compiling it.
        Workloads.HotAndCold(TimeSpan.FromMilliseconds(30));
        // The perf_event_open sampler counts the thread's CPU time, which a loaded machine cuts short in 700 ms of wall
        // time: a 250 µs interval keeps the sample count well above the tests' minimum.
        Profile = CpuProfiler.Profile(() => Workloads.HotAndCold(TimeSpan.FromMilliseconds(700)), new ProfilerOptions { SamplingInterval = TimeSpan.FromMicroseconds(250) });
    }

    public CpuProfile Profile { get; }
}
