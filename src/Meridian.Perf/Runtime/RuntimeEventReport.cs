using System.Globalization;
using System.Text;

namespace Meridian.Perf.Runtime;

/// <summary>
/// What the runtime reported during one <see cref="RuntimeEventRecorder"/> window: garbage collections, sampled
/// allocations by type, lock contentions and exceptions. GC figures are counted from the runtime's own events;
/// allocation figures are estimates from samples (see <see cref="AllocationSource"/>).
/// </summary>
public sealed class RuntimeEventReport
{
    internal RuntimeEventReport(
        RuntimeEvents events,
        RecordedThreads threads,
        TimeSpan duration,
        int[] gcCountsByGeneration,
        IReadOnlyDictionary<string, int> gcCountsByReason,
        TimeSpan gcPauseTotal,
        TimeSpan gcPauseMax,
        int lockContentions,
        TimeSpan lockContentionWait,
        IReadOnlyDictionary<string, int> exceptionsByType,
        AllocationSampleSource allocationSource,
        int allocationSamples,
        IReadOnlyList<AllocatedType> allocations)
    {
        Events = events;
        Threads = threads;
        Duration = duration;
        GcCountsByGeneration = gcCountsByGeneration;
        GcCount = gcCountsByGeneration.Sum();
        GcCountsByReason = gcCountsByReason;
        GcPauseTotal = gcPauseTotal;
        GcPauseMax = gcPauseMax;
        LockContentions = lockContentions;
        LockContentionWait = lockContentionWait;
        ExceptionsByType = exceptionsByType;
        ExceptionCount = exceptionsByType.Values.Sum();
        AllocationSource = allocationSource;
        AllocationSamples = allocationSamples;
        Allocations = allocations;
        EstimatedAllocatedBytes = allocations.Sum(static a => a.EstimatedBytes);
    }

    /// <summary>Gets the kinds of events recorded; the figures of other kinds are zero.</summary>
    public RuntimeEvents Events { get; }

    /// <summary>Gets whose allocations, contentions and exceptions were recorded (GCs are always process-wide).</summary>
    public RecordedThreads Threads { get; }

    /// <summary>Gets the length of the window, between the runtime's timestamps of its start and end markers.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets the garbage collections that started in the window (process-wide).</summary>
    public int GcCount { get; }

    /// <summary>
    /// Gets the collections by the generation collected: index 0 holds gen-0 collections, 1 gen-1, 2 gen-2 (full).
    /// Unlike <see cref="GC.CollectionCount"/>, a gen-2 collection is counted under 2 only.
    /// </summary>
    public IReadOnlyList<int> GcCountsByGeneration { get; }

    /// <summary>Gets the collections by the runtime's reason (<c>AllocSmall</c>, <c>Induced</c>, <c>AllocLarge</c>, ...).</summary>
    public IReadOnlyDictionary<string, int> GcCountsByReason { get; }

    /// <summary>Gets the total time the runtime was suspended for GC in the window (from GCSuspendEEBegin to GCRestartEEEnd).</summary>
    public TimeSpan GcPauseTotal { get; }

    /// <summary>Gets the longest single GC suspension in the window.</summary>
    public TimeSpan GcPauseMax { get; }

    /// <summary>Gets the times a recorded thread had to wait for a contended <see cref="Monitor"/> lock.</summary>
    public int LockContentions { get; }

    /// <summary>Gets the total time recorded threads waited for contended locks (as far as the waits ended in the window).</summary>
    public TimeSpan LockContentionWait { get; }

    /// <summary>Gets the exceptions recorded threads threw.</summary>
    public int ExceptionCount { get; }

    /// <summary>Gets the exceptions thrown, by full type name.</summary>
    public IReadOnlyDictionary<string, int> ExceptionsByType { get; }

    /// <summary>Gets which runtime event the allocation estimates come from.</summary>
    public AllocationSampleSource AllocationSource { get; }

    /// <summary>Gets the allocation events behind the estimates. Around 1 000 give per-type bytes within a few percent.</summary>
    public int AllocationSamples { get; }

    /// <summary>Gets the estimated bytes allocated by recorded threads, all types together.</summary>
    public double EstimatedAllocatedBytes { get; }

    /// <summary>Gets the estimated allocations per type, largest first.</summary>
    public IReadOnlyList<AllocatedType> Allocations { get; }

    /// <summary>Formats the report over a few lines, one section per recorded kind.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        string who = Threads == RecordedThreads.CurrentThread
            ? "recording thread only; GCs are process-wide"
            : "all threads";
        text.Append(CultureInfo.InvariantCulture, $"Runtime events over {Duration.TotalMilliseconds:0.###} ms ({who}).").AppendLine();
        if (Events.HasFlag(RuntimeEvents.Gc))
        {
            text.Append(CultureInfo.InvariantCulture, $"GC: {GcCount} collection(s) (gen0 {GcCountsByGeneration[0]}, gen1 {GcCountsByGeneration[1]}, gen2 {GcCountsByGeneration[2]})");
            if (GcCount > 0)
            {
                text.Append("; reasons: ").Append(string.Join(", ", GcCountsByReason.OrderByDescending(static r => r.Value).Select(static r => $"{r.Key} {r.Value}")));
            }

            text.Append(CultureInfo.InvariantCulture, $"; paused {GcPauseTotal.TotalMilliseconds:0.###} ms in all, {GcPauseMax.TotalMilliseconds:0.###} ms at most.").AppendLine();
        }

        if (Events.HasFlag(RuntimeEvents.LockContention))
        {
            text.Append(CultureInfo.InvariantCulture, $"Lock contention: {LockContentions} wait(s), {LockContentionWait.TotalMilliseconds:0.###} ms waited.").AppendLine();
        }

        if (Events.HasFlag(RuntimeEvents.Exceptions))
        {
            text.Append(CultureInfo.InvariantCulture, $"Exceptions: {ExceptionCount}");
            if (ExceptionCount > 0)
            {
                text.Append(" (").Append(string.Join(", ", ExceptionsByType.OrderByDescending(static e => e.Value).Select(static e => $"{e.Key} {e.Value}"))).Append(')');
            }

            text.Append('.').AppendLine();
        }

        if (Events.HasFlag(RuntimeEvents.AllocationSampling))
        {
            AppendAllocations(text);
        }

        return text.ToString().TrimEnd();
    }

    private void AppendAllocations(StringBuilder text)
    {
        text.Append(CultureInfo.InvariantCulture, $"Allocations (estimates from {AllocationSamples} {AllocationSource} event(s)")
            .Append(AllocationSource == AllocationSampleSource.GCAllocationTick ? ", biased toward large objects" : ", unbiased per type")
            .Append(CultureInfo.InvariantCulture, $"): ~{ByteText.Format(Math.Round(EstimatedAllocatedBytes))} in all.")
            .AppendLine();
        if (Allocations.Count == 0)
        {
            return;
        }

        int nameWidth = Math.Min(80, Allocations.Max(static a => a.TypeName.Length));
        foreach (var type in Allocations)
        {
            text.Append("  ")
                .Append(type.TypeName.PadRight(nameWidth))
                .Append(("~" + ByteText.Format(Math.Round(type.EstimatedBytes))).PadLeft(17))
                .Append(("~" + Math.Round(type.EstimatedObjects).ToString("0", CultureInfo.InvariantCulture)).PadLeft(14)).Append(" objects")
                .Append(CultureInfo.InvariantCulture, $"  {type.Share * 100,5:0.0} %")
                .Append(CultureInfo.InvariantCulture, $"  ({type.Samples} samples)")
                .AppendLine();
        }
    }
}
