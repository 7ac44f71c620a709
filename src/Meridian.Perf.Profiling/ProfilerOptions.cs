namespace Meridian.Perf.Profiling;

/// <summary>Options shared by <see cref="CpuProfiler"/> and <see cref="AllocationProfiler"/>; validated when set.</summary>
public sealed record ProfilerOptions
{
    /// <summary>The largest EventPipe buffer accepted, in megabytes.</summary>
    public const int MaxBufferMegabytes = 4096;

    private readonly int _bufferMegabytes = 256;
    private readonly TimeSpan _samplingInterval = TimeSpan.FromMilliseconds(1);
    private readonly string? _keepTraceAt;

    /// <summary>Gets the default options: the workload thread, the automatic sampler every 1 ms, a 256 MB EventPipe buffer.</summary>
    public static ProfilerOptions Default { get; } = new();

    /// <summary>Gets which threads the profile keeps.</summary>
    /// <value>Default: <see cref="ProfiledThreads.Workload"/>, the thread that ran the body.</value>
    public ProfiledThreads Threads { get; init; } = ProfiledThreads.Workload;

    /// <summary>Gets which sampler takes CPU profiles (allocation profiles always use EventPipe).</summary>
    /// <value>Default: <see cref="CpuSampler.Automatic"/>: <c>perf_event_open</c> where available, EventPipe otherwise.</value>
    public CpuSampler Sampler { get; init; } = CpuSampler.Automatic;

    /// <summary>Gets the CPU time between two samples of the <see cref="CpuSampler.PerfEvent"/> sampler (the EventPipe
    /// sampler's period is fixed by the runtime at about 1 ms).</summary>
    /// <value>Default: 1 ms. From 10 µs to 1 s.</value>
    /// <exception cref="ArgumentOutOfRangeException">Outside 10 µs to 1 s.</exception>
    public TimeSpan SamplingInterval
    {
        get => _samplingInterval;
        init => _samplingInterval = value >= TimeSpan.FromMicroseconds(10) && value <= TimeSpan.FromSeconds(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SamplingInterval), value, "SamplingInterval must be from 10 µs to 1 s (the default is 1 ms).");
    }

    /// <summary>Gets whether a <see cref="CpuSampler.PerfEvent"/> profile gives each managed frame its source line
    /// (<see cref="StackSample.Lines"/>): after the body, a rundown of the runtime's IL-to-native maps (a few hundred
    /// milliseconds) and the portable PDBs map each sampled address to its statement. Code the JIT inlined has the line of
    /// the call it replaced, so a method's own time can be split by the statements that spent it, inlined callees
    /// included. The EventPipe sampler leaves lines unresolved.</summary>
    /// <value>Default: false.</value>
    public bool SourceLines { get; init; }

    /// <summary>Gets a path to keep the raw EventPipe trace (<c>.nettrace</c>) at, for PerfView, dotnet-trace convert or
    /// TraceEvent; the trace is deleted after the profile is built when null. The <see cref="CpuSampler.PerfEvent"/>
    /// sampler writes no trace.</summary>
    /// <value>Default: null.</value>
    /// <exception cref="ArgumentException">An empty or blank path.</exception>
    public string? KeepTraceAt
    {
        get => _keepTraceAt;
        init => _keepTraceAt = value is null || !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException("KeepTraceAt must be a file path, or null to delete the trace.", nameof(KeepTraceAt));
    }

    /// <summary>Gets the EventPipe buffer size in megabytes; events are lost when the runtime produces them faster than
    /// the reader drains them and the buffer is full.</summary>
    /// <value>Default: 256. From 1 to <see cref="MaxBufferMegabytes"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to <see cref="MaxBufferMegabytes"/>.</exception>
    public int BufferMegabytes
    {
        get => _bufferMegabytes;
        init => _bufferMegabytes = value is >= 1 and <= MaxBufferMegabytes
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BufferMegabytes), value, $"BufferMegabytes must be from 1 to {MaxBufferMegabytes} (the default is 256).");
    }
}
