namespace Meridian.Perf;

/// <summary>The counters <see cref="PerfStat"/> reads, named as <c>perf stat</c> names them.</summary>
public enum PerfCounter
{
    /// <summary>CPU time of the counted thread(s), <c>task-clock</c>, in nanoseconds.</summary>
    TaskClock,

    /// <summary>Times the thread(s) left the CPU, voluntarily (waiting) or not (preempted), <c>context-switches</c>.</summary>
    ContextSwitches,

    /// <summary>Times the thread(s) moved to another CPU, <c>cpu-migrations</c>.</summary>
    CpuMigrations,

    /// <summary>Page faults, minor and major, <c>page-faults</c>: first touches of fresh memory among them.</summary>
    PageFaults,

    /// <summary>CPU cycles, <c>cycles</c> (hardware).</summary>
    Cycles,

    /// <summary>Instructions retired, <c>instructions</c> (hardware).</summary>
    Instructions,

    /// <summary>Last-level cache references, <c>cache-references</c> (hardware).</summary>
    CacheReferences,

    /// <summary>Last-level cache misses, <c>cache-misses</c> (hardware).</summary>
    CacheMisses,

    /// <summary>Branch instructions, <c>branches</c> (hardware).</summary>
    Branches,

    /// <summary>Mispredicted branches, <c>branch-misses</c> (hardware).</summary>
    BranchMisses,
}
