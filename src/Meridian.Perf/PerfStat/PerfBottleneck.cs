namespace Meridian.Perf;

/// <summary>What limited the measured body, as <see cref="PerfStat"/> diagnoses it.</summary>
public enum PerfBottleneck
{
    /// <summary>The counters do not say (e.g. too short a body, or no CPU time available on this platform).</summary>
    Inconclusive,

    /// <summary>On a CPU most of the time; without hardware counters it cannot be split into compute or memory.</summary>
    CpuBound,

    /// <summary>On a CPU and retiring instructions efficiently (hardware counters: high IPC, few misses).</summary>
    ComputeBound,

    /// <summary>On a CPU but stalled on memory (hardware counters: low IPC with a high cache-miss rate).</summary>
    MemoryBound,

    /// <summary>On a CPU but losing time to mispredicted branches (hardware counters: high branch-miss rate).</summary>
    BranchBound,

    /// <summary>A large share of the time went to garbage collection pauses.</summary>
    GcBound,

    /// <summary>Off the CPU most of the time, waiting (sleep, I/O, waiting for other threads); wall time ≫ CPU time.</summary>
    Blocked,

    /// <summary>Off the CPU, waiting for contended locks.</summary>
    LockContention,
}
