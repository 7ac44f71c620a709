using System.Runtime.InteropServices;
using ProfilingDemo;

namespace Meridian.Perf.Profiling.Tests;

/// <summary>
/// The CPU profile against a workload whose answer is measured beside it (see <see cref="GroundTruthWorkload"/>):
/// every method's inclusive share within 5 points of its share of the thread's CPU time, the straight-line leaf's share
/// of its caller within 15 points of the timed difference, runtime frames at most 2 % of the samples. Shares are
/// ratios of CPU time measured in the same run, so load on the machine scales both sides alike.
/// </summary>
public sealed class GroundTruthTests
{
    [Fact]
    public void Perf_event_profile_matches_the_timed_shares_of_call_free_loops_helpers_and_a_straight_line_leaf()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            // Elsewhere the automatic choice must fall back and say so (the workload itself reads a Linux clock).
            var fallback = CpuProfiler.Profile(() => Thread.SpinWait(1_000_000));
            Assert.Equal(CpuSampler.EventPipe, fallback.Sampler);
            Assert.NotNull(fallback.SamplerNote);
            return;
        }

        var iterations = GroundTruthWorkload.Calibrate();
        GroundTruthWorkload.Run(iterations, TimeSpan.FromMilliseconds(300));
        (long[] PerMethod, long Total) timed = ([], 0);
        var options = new ProfilerOptions { Sampler = CpuSampler.PerfEvent, SamplingInterval = TimeSpan.FromMicroseconds(250) };

        var profile = CpuProfiler.Profile(() => timed = GroundTruthWorkload.Run(iterations, TimeSpan.FromSeconds(1.5)), options);

        Assert.Equal(CpuSampler.PerfEvent, profile.Sampler);
        Assert.True(profile.SampleCount >= 3_000, $"Only {profile.SampleCount} samples for 1.5 s of CPU time at 250 µs:\n{profile}");
        var report = new List<string>();
        for (var i = 0; i < GroundTruthWorkload.Methods.Length; i++)
        {
            var truth = (double)timed.PerMethod[i] / timed.Total;
            var measured = profile.InclusiveShareOf($"GroundTruthWorkload.{GroundTruthWorkload.Methods[i]}(");
            report.Add($"{GroundTruthWorkload.Methods[i]}: timed {truth:P1}, profiled {measured:P1}");
            Assert.True(Math.Abs(measured - truth) <= 0.05, $"{string.Join("; ", report)}\n{profile}");
        }

        var leafTruth = 1 - ((double)timed.PerMethod[4] / timed.PerMethod[3]);
        var leafMeasured = profile.InclusiveShareOf("GroundTruthWorkload.Hash(") / profile.InclusiveShareOf("GroundTruthWorkload.LeafLoop(");
        Assert.True(Math.Abs(leafMeasured - leafTruth) <= 0.15, $"Hash's share of LeafLoop: timed {leafTruth:P1}, profiled {leafMeasured:P1}\n{profile}");

        Assert.True(profile.RuntimeInternalShare <= 0.02, $"Runtime-internal samples: {profile.RuntimeInternalShare:P1}:\n{profile}");
    }

    [Fact]
    public void Event_pipe_profile_of_a_call_free_loop_charges_no_sample_to_the_gc_poll()
    {
        var iterations = GroundTruthWorkload.Calibrate();
        var profile = CpuProfiler.Profile(
            () => GroundTruthWorkload.Run(iterations, TimeSpan.FromMilliseconds(400)),
            new ProfilerOptions { Sampler = CpuSampler.EventPipe });

        Assert.Equal(CpuSampler.EventPipe, profile.Sampler);
        Assert.Null(profile.SamplerNote);
        Assert.DoesNotContain(profile.Frames, frame => frame.Name.Contains("PollGC", StringComparison.Ordinal));
        Assert.Contains("EventPipe sample profiler", profile.ToString());
    }
}
