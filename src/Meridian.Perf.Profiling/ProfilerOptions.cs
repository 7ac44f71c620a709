namespace Meridian.Perf.Profiling;

/// <summary>Options shared by <see cref="CpuProfiler"/> and <see cref="AllocationProfiler"/>.</summary>
public sealed class ProfilerOptions
{
    /// <summary>Gets or sets which threads the profile keeps.</summary>
    /// <value>Default: <see cref="ProfiledThreads.Workload"/>, the thread that ran the body.</value>
    public ProfiledThreads Threads { get; set; } = ProfiledThreads.Workload;

    /// <summary>Gets or sets a path to keep the raw EventPipe trace (<c>.nettrace</c>) at, for PerfView, dotnet-trace
    /// convert or TraceEvent; the trace is deleted after the profile is built when null.</summary>
    /// <value>Default: null.</value>
    public string? KeepTraceAt { get; set; }

    /// <summary>Gets or sets the EventPipe buffer size in megabytes; events are lost when the runtime produces them faster
    /// than the reader drains them and the buffer is full.</summary>
    /// <value>Default: 256.</value>
    public int BufferMegabytes { get; set; } = 256;
}
