namespace Meridian.Perf.Profiling;

/// <summary>Whose stack a sample or allocation event carries.</summary>
internal enum StackKind
{
    /// <summary>The calling thread, inside the body.</summary>
    Workload,

    /// <summary>The profiler's own work: the thread that reads the trace, or the calling thread starting or stopping the session.</summary>
    Profiler,

    /// <summary>Any other thread, or the calling thread outside the body.</summary>
    OtherThread,
}
