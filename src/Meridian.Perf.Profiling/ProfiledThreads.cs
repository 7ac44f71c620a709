namespace Meridian.Perf.Profiling;

/// <summary>Which threads' samples or allocations a profile keeps.</summary>
public enum ProfiledThreads
{
    /// <summary>Only the thread that ran the body (the calling thread), and only while it ran the body: stacks start at
    /// the body, without the test runner's frames below it.</summary>
    Workload,

    /// <summary>Every thread of the process while the body ran: the calling thread as for <see cref="Workload"/>, other
    /// threads' stacks whole. For CPU profiles, samples of other threads outside managed code (idle, waiting) are left
    /// out; the profiler's own reader thread is always left out.</summary>
    AllThreads,
}
