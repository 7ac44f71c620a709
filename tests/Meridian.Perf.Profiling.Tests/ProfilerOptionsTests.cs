namespace Meridian.Perf.Profiling.Tests;

public sealed class ProfilerOptionsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ProfilerOptions.MaxBufferMegabytes + 1)]
    public void Buffer_sizes_outside_the_range_are_rejected_when_set(int megabytes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ProfilerOptions { BufferMegabytes = megabytes });
        Assert.Equal("BufferMegabytes", error.ParamName);
        Assert.Contains("from 1 to 4096", error.Message);
    }

    [Fact]
    public void Sampling_intervals_outside_10_microseconds_to_1_second_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProfilerOptions { SamplingInterval = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProfilerOptions { SamplingInterval = TimeSpan.FromSeconds(2) });
        Assert.Equal(TimeSpan.FromMicroseconds(10), new ProfilerOptions { SamplingInterval = TimeSpan.FromMicroseconds(10) }.SamplingInterval);
    }

    [Fact]
    public void A_blank_trace_path_is_rejected_and_null_is_the_default()
    {
        Assert.Throws<ArgumentException>(() => new ProfilerOptions { KeepTraceAt = " " });
        Assert.Null(ProfilerOptions.Default.KeepTraceAt);
    }

    [Fact]
    public void Flamegraph_sizes_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlamegraphOptions { Width = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlamegraphOptions { FrameHeight = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlamegraphOptions { MinimumFrameWidth = -0.1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlamegraphOptions { MinimumFrameWidth = double.NaN });
    }

    [Fact]
    public void Perf_event_sampler_of_all_threads_fails_clearly()
    {
        var error = Assert.Throws<ProfilingUnavailableException>(() => CpuProfiler.Profile(
            () => { },
            new ProfilerOptions { Sampler = CpuSampler.PerfEvent, Threads = ProfiledThreads.AllThreads }));
        Assert.Contains("workload thread only", error.Message);
    }
}
