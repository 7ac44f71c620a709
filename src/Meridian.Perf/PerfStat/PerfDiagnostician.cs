using System.Globalization;

namespace Meridian.Perf;

/// <summary>Turns a <see cref="PerfStatReport"/>'s figures into a verdict with reasons.</summary>
/// <remarks>
/// Thresholds (rules of thumb, stated in every reason so a reader can disagree):
/// GC pauses ≥ 25 % of the wall time: GC-bound. Blocked (wall − on-CPU − waiting for a CPU) ≥ 50 % of the wall time:
/// blocked, or lock contention when the runtime counted contended locks. Otherwise on a CPU: with hardware counters,
/// branch-bound when ≥ 5 % of branches mispredict, memory-bound when IPC &lt; 1 and ≥ 10 % of cache references miss,
/// compute-bound otherwise; without them, CPU-bound.
/// </remarks>
internal static class PerfDiagnostician
{
    private const double GcShareThreshold = 0.25;
    private const double BlockedShareThreshold = 0.5;
    private const double BranchMissThreshold = 0.05;
    private const double CacheMissThreshold = 0.10;
    private const double LowIpc = 1.0;

    public static string Describe(PerfBottleneck bottleneck) => bottleneck switch
    {
        PerfBottleneck.CpuBound => "CPU-bound",
        PerfBottleneck.ComputeBound => "compute-bound",
        PerfBottleneck.MemoryBound => "memory-bound",
        PerfBottleneck.BranchBound => "branch-bound",
        PerfBottleneck.GcBound => "GC-bound",
        PerfBottleneck.Blocked => "blocked",
        PerfBottleneck.LockContention => "lock contention",
        _ => "inconclusive",
    };

    public static PerfDiagnosis Diagnose(PerfStatReport report)
    {
        var reasons = new List<string>();
        var wall = report.WallTime;
        if (wall <= TimeSpan.Zero)
        {
            return new PerfDiagnosis(PerfBottleneck.Inconclusive, ["the body took no measurable time"]);
        }

        var runtime = report.Runtime;
        var gcShare = runtime.GcPauseTime / wall;
        if (gcShare >= GcShareThreshold)
        {
            reasons.Add(Text($"GC paused the process for {runtime.GcPauseTime.TotalMilliseconds:0.0} ms, {gcShare * 100:0} % of the {wall.TotalMilliseconds:0.0} ms wall time (threshold {GcShareThreshold * 100:0} %)"));
            reasons.Add(Text($"{runtime.Gen0Collections} gen0 / {runtime.Gen1Collections} gen1 / {runtime.Gen2Collections} gen2 collections, {runtime.ThreadAllocatedBytes} B allocated on the calling thread"));
            return new PerfDiagnosis(PerfBottleneck.GcBound, reasons);
        }

        var onCpu = report.Scheduler?.OnCpu ?? report.CpuTime;
        if (onCpu is not { } cpu)
        {
            return new PerfDiagnosis(PerfBottleneck.Inconclusive, ["no CPU time is available on this platform, so running cannot be told from waiting"]);
        }

        var waitingForCpu = report.Scheduler?.WaitingForCpu ?? TimeSpan.Zero;
        var blocked = wall - cpu - waitingForCpu;
        var blockedShare = blocked / wall;
        if (blockedShare >= BlockedShareThreshold)
        {
            reasons.Add(Text($"on a CPU {cpu.TotalMilliseconds:0.0} ms of {wall.TotalMilliseconds:0.0} ms wall ({cpu / wall * 100:0.0} %), blocked {blocked.TotalMilliseconds:0.0} ms ({blockedShare * 100:0} %, threshold {BlockedShareThreshold * 100:0} %)"));
            if (report.Usage is { } usage)
            {
                reasons.Add(Text($"{usage.VoluntaryContextSwitches} voluntary context switches (the thread waited)"));
            }

            if (runtime.LockContentions > 0)
            {
                reasons.Add(Text($"{runtime.LockContentions} contended Monitor locks while it waited"));
                return new PerfDiagnosis(PerfBottleneck.LockContention, reasons);
            }

            reasons.Add("no contended locks: sleeping, I/O, or waiting for other threads' work");
            return new PerfDiagnosis(PerfBottleneck.Blocked, reasons);
        }

        reasons.Add(Text($"on a CPU {cpu.TotalMilliseconds:0.0} ms of {wall.TotalMilliseconds:0.0} ms wall ({cpu / wall * 100:0.0} %), blocked {Math.Max(0, blocked.TotalMilliseconds):0.0} ms"));
        if (waitingForCpu / wall >= 0.2)
        {
            reasons.Add(Text($"runnable but waiting for a CPU {waitingForCpu.TotalMilliseconds:0.0} ms: the machine was busy, which stretched the wall time"));
        }

        var cycles = report[PerfCounter.Cycles].Value;
        var instructions = report[PerfCounter.Instructions].Value;
        if (cycles is > 0 && instructions is { } retired)
        {
            var ipc = retired / cycles.Value;
            var branchMissRate = report[PerfCounter.BranchMisses].Value / report[PerfCounter.Branches].Value;
            var cacheMissRate = report[PerfCounter.CacheMisses].Value / report[PerfCounter.CacheReferences].Value;
            reasons.Add(Text($"IPC {ipc:0.00}"));
            if (branchMissRate is { } branchMisses && double.IsFinite(branchMisses) && branchMisses >= BranchMissThreshold)
            {
                reasons.Add(Text($"{branchMisses * 100:0.0} % of branches mispredicted (threshold {BranchMissThreshold * 100:0} %)"));
                return new PerfDiagnosis(PerfBottleneck.BranchBound, reasons);
            }

            if (ipc < LowIpc && cacheMissRate is { } cacheMisses && double.IsFinite(cacheMisses) && cacheMisses >= CacheMissThreshold)
            {
                reasons.Add(Text($"{cacheMisses * 100:0.0} % of cache references missed (threshold {CacheMissThreshold * 100:0} % with IPC < {LowIpc:0.0})"));
                return new PerfDiagnosis(PerfBottleneck.MemoryBound, reasons);
            }

            reasons.Add("few cache and branch misses: the instructions themselves are the cost");
            return new PerfDiagnosis(PerfBottleneck.ComputeBound, reasons);
        }

        reasons.Add("no hardware counters on this machine, so compute cannot be told from memory stalls");
        return new PerfDiagnosis(PerfBottleneck.CpuBound, reasons);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
