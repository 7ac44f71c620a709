using System.Globalization;
using System.Text;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Where a body spent its time: sampled call stacks (weights are sample counts) with the top frames by self and
/// inclusive share, and writers for folded stacks, speedscope JSON and an SVG flamegraph. Made by <see cref="CpuProfiler"/>.
/// </summary>
public sealed class CpuProfile : StackProfile
{
    internal CpuProfile(
        IReadOnlyList<StackSample> stacks,
        int sampleCount,
        int outsideManagedSamples,
        int threadCount,
        TimeSpan duration,
        ProfiledThreads threads,
        ProfilingSessionStatistics session)
        : base(stacks, ProfileWeightUnit.Samples)
    {
        SampleCount = sampleCount;
        OutsideManagedSamples = outsideManagedSamples;
        ThreadCount = threadCount;
        Duration = duration;
        Threads = threads;
        Session = session;
    }

    /// <summary>Gets the number of samples kept (the workload thread's while it ran the body, plus other threads' when asked for).</summary>
    public int SampleCount { get; }

    /// <summary>Gets how many of the workload thread's samples found it outside managed code: blocked, sleeping,
    /// waiting for a lock, or running native code. A CPU-bound body has almost none.</summary>
    public int OutsideManagedSamples { get; }

    /// <summary>Gets the number of distinct threads with samples in the profile.</summary>
    public int ThreadCount { get; }

    /// <summary>Gets the body's wall-clock time under the profiler.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets which threads the profile kept.</summary>
    public ProfiledThreads Threads { get; }

    /// <summary>Gets the profiling session's own costs: start, stop and resolve times, trace size.</summary>
    public ProfilingSessionStatistics Session { get; }

    /// <summary>Gets the mean time between the workload thread's samples (duration ÷ samples); zero without samples.</summary>
    public TimeSpan MeanSamplingInterval => SampleCount > 0 && ThreadCount > 0
        ? Duration / ((double)SampleCount / ThreadCount)
        : TimeSpan.Zero;

    /// <inheritdoc/>
    public override string Title => "CPU profile";

    /// <inheritdoc/>
    protected override string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"{SampleCount} samples over {Duration.TotalMilliseconds:0} ms ({(Threads == ProfiledThreads.Workload ? "the workload thread" : $"{ThreadCount} threads")}, EventPipe sample profiler)");

    /// <summary>Formats a report: what was sampled, the top frames by self and inclusive samples, the session's costs.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"CPU profile: {Description}.");
        if (SampleCount == 0)
        {
            text.AppendLine("No samples: the body ran too briefly to be sampled (the sampler stops threads about once a millisecond). Repeat the work in a loop for a few hundred milliseconds.");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Mean sampling interval {MeanSamplingInterval.TotalMilliseconds:0.00} ms; {OutsideManagedSamples} samples ({(double)OutsideManagedSamples / SampleCount * 100:0.0} %) found the workload thread outside managed code (blocked, waiting or in native code).");
            AppendTopFrames(text, 10);
        }

        text.Append("Profiler: ").Append(Session).AppendLine(".");
        return text.ToString();
    }
}
