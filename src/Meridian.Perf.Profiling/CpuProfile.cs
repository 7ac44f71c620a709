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
        ProfilingSessionStatistics session,
        CpuSampler sampler,
        string? samplerNote)
        : base(stacks, ProfileWeightUnit.Samples)
    {
        Sampler = sampler;
        SamplerNote = samplerNote;
        SampleCount = sampleCount;
        OutsideManagedSamples = outsideManagedSamples;
        ThreadCount = threadCount;
        Duration = duration;
        Threads = threads;
        Session = session;
    }

    /// <summary>Gets the sampler that produced this profile: <see cref="CpuSampler.PerfEvent"/> or <see cref="CpuSampler.EventPipe"/>.</summary>
    public CpuSampler Sampler { get; }

    /// <summary>Gets why the automatic choice fell back to the EventPipe sampler (e.g. "perf_event_open exists only on
    /// Linux"); null when the sampler asked for ran.</summary>
    public string? SamplerNote { get; }

    /// <summary>Gets the number of samples kept (the workload thread's while it ran the body, plus other threads' when asked for).</summary>
    public int SampleCount { get; }

    /// <summary>Gets how many of the workload thread's samples found it outside managed code: running native code or
    /// runtime stubs (both samplers), or blocked, sleeping, waiting for a lock (the EventPipe sampler only: the
    /// <c>perf_event_open</c> sampler counts on-CPU time, so a waiting thread is not sampled).</summary>
    public int OutsideManagedSamples { get; }

    /// <summary>Gets the number of distinct threads with samples in the profile.</summary>
    public int ThreadCount { get; }

    /// <summary>Gets the body's wall-clock time under the profiler.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets which threads the profile kept.</summary>
    public ProfiledThreads Threads { get; }

    /// <summary>Gets the profiling session's own costs: start, stop and resolve times, trace size.</summary>
    public ProfilingSessionStatistics Session { get; }

    /// <summary>Gets the share of the samples (0 to 1) that land in the runtime's own machinery, unexplained: GC-poll and
    /// hijack frames, runtime stubs, the runtime's and JIT's native code and code they generated that nothing names, and
    /// C library code they call. Work the profiled code causes is not counted here: the perf_event_open sampler names the
    /// garbage collector's work <c>[GC]</c>, the allocation helpers <c>[allocation]</c> and the write barrier
    /// <c>[GC write barrier]</c>, each under the managed frame that caused it.</summary>
    public double RuntimeInternalShare => TotalWeight <= 0
        ? 0
        : Stacks.Where(static stack => RuntimeFrames.IsRuntimeInternal(stack.Frames)).Sum(static stack => stack.Weight) / TotalWeight;

    /// <summary>Gets the mean time between the workload thread's samples (duration ÷ samples); zero without samples.</summary>
    public TimeSpan MeanSamplingInterval => SampleCount > 0 && ThreadCount > 0
        ? Duration / ((double)SampleCount / ThreadCount)
        : TimeSpan.Zero;

    /// <inheritdoc/>
    public override string Title => "CPU profile";

    /// <inheritdoc/>
    protected override string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"{SampleCount} samples over {Duration.TotalMilliseconds:0} ms ({(Threads == ProfiledThreads.Workload ? "the workload thread" : $"{ThreadCount} threads")}, {SamplerName})");

    private string SamplerName => Sampler == CpuSampler.PerfEvent
        ? "perf_event_open cpu-clock sampler, user space"
        : "EventPipe sample profiler, safe points only";

    /// <summary>Formats a report: what was sampled, the top frames by self and inclusive samples, the session's costs.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"CPU profile: {Description}.");
        if (SamplerNote is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"The EventPipe sampler ran because {SamplerNote}; its samples land on safe points only, so short leaf functions and loops without calls are charged to the next safe point.");
        }

        if (SampleCount == 0)
        {
            text.AppendLine(Sampler == CpuSampler.PerfEvent
                ? "No samples: the body used too little CPU time to be sampled (one sample per sampling interval of the thread's CPU time; waiting is not sampled). Repeat the work in a loop for a few hundred milliseconds."
                : "No samples: the body ran too briefly to be sampled (the sampler stops threads about once a millisecond). Repeat the work in a loop for a few hundred milliseconds.");
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Mean sampling interval {MeanSamplingInterval.TotalMilliseconds:0.00} ms; {OutsideManagedSamples} samples ({(double)OutsideManagedSamples / SampleCount * 100:0.0} %) found the workload thread outside managed code ({(Sampler == CpuSampler.PerfEvent ? "native code or runtime stubs" : "blocked, waiting or in native code")}).");
            AppendTopFrames(text, 10);
        }

        text.Append("Profiler: ").Append(Session).AppendLine(".");
        return text.ToString();
    }
}
