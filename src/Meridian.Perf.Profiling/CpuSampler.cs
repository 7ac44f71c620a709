namespace Meridian.Perf.Profiling;

/// <summary>Which sampler takes a <see cref="CpuProfile"/>.</summary>
public enum CpuSampler
{
    /// <summary><see cref="PerfEvent"/> where it is available (Linux x64, the workload thread only, <c>perf_event_open</c>
    /// allowed), <see cref="EventPipe"/> otherwise; the profile says which one ran and why.</summary>
    Automatic,

    /// <summary>Linux <c>perf_event_open</c> with a software <c>cpu-clock</c> event on the workload thread, user space only:
    /// samples the instruction pointer wherever the thread is, so time is charged to the instruction that spent it,
    /// straight-line leaf functions included. Counts on-CPU time only (a blocked thread is not sampled).
    /// Fails with <see cref="ProfilingUnavailableException"/> where it is not available.</summary>
    PerfEvent,

    /// <summary>The runtime's EventPipe sample profiler (what <c>dotnet-trace</c> records), on every platform: stops
    /// threads about once a millisecond at safe points, so the time of code between safe points (a loop without calls,
    /// a short leaf function) is charged to the next safe point. Samples waiting threads too.</summary>
    EventPipe,
}
