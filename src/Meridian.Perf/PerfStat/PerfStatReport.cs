using System.Globalization;
using System.Text;

namespace Meridian.Perf;

/// <summary>What <see cref="PerfStat.Measure(Action)"/> measured: wall time, OS counters (or why each is missing), the
/// scheduler's split of the wall time, the runtime's counters, and a diagnosis. <see cref="ToString"/> prints it the
/// way <c>perf stat</c> does.</summary>
public sealed class PerfStatReport
{
    internal PerfStatReport(
        TimeSpan wallTime,
        IReadOnlyList<PerfCounterReading> counters,
        RuntimeCounters runtime,
        SchedulerTimes? scheduler,
        ThreadUsage? usage,
        string scope,
        string? platformNote)
    {
        WallTime = wallTime;
        Counters = counters;
        Runtime = runtime;
        Scheduler = scheduler;
        Usage = usage;
        Scope = scope;
        PlatformNote = platformNote;
        Diagnosis = PerfDiagnostician.Diagnose(this);
    }

    /// <summary>Gets the body's wall-clock time.</summary>
    public TimeSpan WallTime { get; }

    /// <summary>Gets every counter, supported or not, in <see cref="PerfCounter"/> order.</summary>
    public IReadOnlyList<PerfCounterReading> Counters { get; }

    /// <summary>Gets the runtime's counters over the body (GC, pause time, lock contentions, JIT; process-wide except
    /// the calling thread's exact allocated bytes).</summary>
    public RuntimeCounters Runtime { get; }

    /// <summary>Gets the calling thread's on-CPU, waiting-for-CPU and time-slice deltas; null where unavailable.</summary>
    public SchedulerTimes? Scheduler { get; }

    /// <summary>Gets the calling thread's getrusage deltas (voluntary and involuntary switches among them); null off Linux.</summary>
    public ThreadUsage? Usage { get; }

    /// <summary>Gets which threads the OS counters followed, and how.</summary>
    public string Scope { get; }

    /// <summary>Gets what this platform could not measure; null on Linux.</summary>
    public string? PlatformNote { get; }

    /// <summary>Gets the diagnosis with its reasons.</summary>
    public PerfDiagnosis Diagnosis { get; }

    /// <summary>Gets the CPU time of the counted thread(s): task-clock, or null when no source had it.</summary>
    public TimeSpan? CpuTime => this[PerfCounter.TaskClock].Value is { } nanoseconds ? TimeSpan.FromTicks((long)(nanoseconds / 100)) : null;

    /// <summary>Gets the reading of one counter.</summary>
    /// <param name="counter">The counter.</param>
    /// <returns>Its reading; <see cref="PerfCounterReading.IsSupported"/> says whether it has a value.</returns>
    public PerfCounterReading this[PerfCounter counter] => Counters.First(reading => reading.Counter == counter);

    /// <summary>Formats the report like <c>perf stat</c>: one line per counter with its rate, "&lt;not supported&gt;"
    /// where the machine has no value, the elapsed time, the scheduler and runtime lines, and the diagnosis.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        var seconds = WallTime.TotalSeconds;
        text.AppendLine(CultureInfo.InvariantCulture, $" Performance counter stats for the body ({Scope}):");
        text.AppendLine();
        foreach (var reading in Counters)
        {
            if (reading.Value is not { } value)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{"<not supported>",20}      {reading.Name,-18}  # {reading.Source}");
                continue;
            }

            var comment = Comment(reading.Counter, value, seconds);
            var scaled = reading.RunningFraction < 0.999 ? string.Create(CultureInfo.InvariantCulture, $"  ({reading.RunningFraction * 100:0.0} % counted, scaled)") : string.Empty;
            var shown = reading.Counter == PerfCounter.TaskClock
                ? (value / 1e6).ToString("#,0.00", CultureInfo.InvariantCulture) + " msec"
                : value.ToString("#,0", CultureInfo.InvariantCulture) + "     ";
            text.AppendLine(CultureInfo.InvariantCulture, $"{shown,25} {reading.Name,-18}  # {comment}{scaled}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{seconds,20:0.000000000} seconds time elapsed");
        text.AppendLine();
        if (Scheduler is { } scheduler)
        {
            var blocked = WallTime - scheduler.OnCpu - scheduler.WaitingForCpu;
            text.AppendLine(CultureInfo.InvariantCulture, $" Scheduler (calling thread): on a CPU {scheduler.OnCpu.TotalMilliseconds:0.0} ms, runnable but waiting for a CPU {scheduler.WaitingForCpu.TotalMilliseconds:0.0} ms, blocked {Math.Max(0, blocked.TotalMilliseconds):0.0} ms, {scheduler.TimeSlices} time slices.");
        }

        if (Usage is { } usage)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $" Context switches (calling thread): {usage.VoluntaryContextSwitches} voluntary (waits), {usage.InvoluntaryContextSwitches} involuntary (preempted).");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $" Runtime: {Runtime}.");
        if (PlatformNote is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $" Note: {PlatformNote}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $" Diagnosis: {Diagnosis}.");
        return text.ToString();
    }

    private string Comment(PerfCounter counter, double value, double seconds)
    {
        string Rate(string unit) => seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value / seconds:#,0.000} {unit}") : "n/a";
        switch (counter)
        {
            case PerfCounter.TaskClock:
                return seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value / 1e9 / seconds:0.000} CPUs utilized") : "n/a";
            case PerfCounter.Instructions when this[PerfCounter.Cycles].Value is { } cycles and > 0:
                return string.Create(CultureInfo.InvariantCulture, $"{value / cycles:0.00} insn per cycle");
            case PerfCounter.CacheMisses when this[PerfCounter.CacheReferences].Value is { } references and > 0:
                return string.Create(CultureInfo.InvariantCulture, $"{value / references * 100:0.00} % of all cache refs");
            case PerfCounter.BranchMisses when this[PerfCounter.Branches].Value is { } branches and > 0:
                return string.Create(CultureInfo.InvariantCulture, $"{value / branches * 100:0.00} % of all branches");
            case PerfCounter.Cycles:
                return seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{value / seconds / 1e9:0.000} GHz") : "n/a";
            default:
                return Rate("/sec");
        }
    }
}
