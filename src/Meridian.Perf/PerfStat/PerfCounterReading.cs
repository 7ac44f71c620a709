namespace Meridian.Perf;

/// <summary>One counter's value over the measured body, or why there is none.</summary>
/// <param name="Counter">The counter.</param>
/// <param name="Value">The count (nanoseconds for <see cref="PerfCounter.TaskClock"/>); null when not supported, never a fake zero.</param>
/// <param name="Source">Where the value came from, e.g. <c>perf_event_open</c> or <c>getrusage(RUSAGE_THREAD)</c>; or why it is missing.</param>
/// <param name="RunningFraction">The share of the time the counter was really on the PMU (below 1 when the kernel
/// multiplexed more counters than the hardware has; the value is then scaled up, as <c>perf stat</c> does).</param>
public readonly record struct PerfCounterReading(PerfCounter Counter, double? Value, string Source, double RunningFraction = 1)
{
    /// <summary>Gets a value indicating whether the machine gave a value for the counter.</summary>
    public bool IsSupported => Value.HasValue;

    /// <summary>Gets the name <c>perf stat</c> prints for the counter, e.g. <c>task-clock</c>.</summary>
    public string Name => PerfCounterNames.Of(Counter);
}
