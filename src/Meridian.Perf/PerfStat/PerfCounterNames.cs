namespace Meridian.Perf;

/// <summary>The names <c>perf stat</c> uses.</summary>
internal static class PerfCounterNames
{
    public static string Of(PerfCounter counter) => counter switch
    {
        PerfCounter.TaskClock => "task-clock",
        PerfCounter.ContextSwitches => "context-switches",
        PerfCounter.CpuMigrations => "cpu-migrations",
        PerfCounter.PageFaults => "page-faults",
        PerfCounter.Cycles => "cycles",
        PerfCounter.Instructions => "instructions",
        PerfCounter.CacheReferences => "cache-references",
        PerfCounter.CacheMisses => "cache-misses",
        PerfCounter.Branches => "branches",
        PerfCounter.BranchMisses => "branch-misses",
        _ => counter.ToString(),
    };
}
