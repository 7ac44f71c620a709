using System.Globalization;
using System.Text;
using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <summary>
/// What <see cref="Bench.Run(Action, BenchOptions?)"/> measured: time per operation in every batch (harness overhead
/// subtracted), its summary, the exact bytes allocated per operation, and how the run was done.
/// </summary>
public sealed class BenchResult
{
    internal BenchResult(
        double[] nanosecondsPerOperation,
        long operationsPerBatch,
        long totalOperations,
        long totalBytes,
        double overheadNanoseconds,
        WarmupOutcome warmup,
        TimeSpan measuringTime,
        RuntimeCounters counters,
        BenchOptions options,
        Steadiness steadiness)
    {
        Summary = SampleSummary.Of(nanosecondsPerOperation);
        OperationsPerBatch = operationsPerBatch;
        TotalOperations = totalOperations;
        AllocatedBytesPerOperation = (double)totalBytes / totalOperations;
        HarnessOverheadNanoseconds = overheadNanoseconds;
        WarmupTime = warmup.Elapsed;
        JitQuietBeforeMeasuring = warmup.JitQuiet;
        WarmupDescription = warmup.Describe();
        Measurements = steadiness.Attempts;
        CpuShare = steadiness.CpuShare;
        Settled = warmup.Steady && steadiness.FinalMove is null;
        MeasuringTime = measuringTime;
        Counters = counters;
        Options = options;
        Mode = MeasurementMode.Current;
        var warnings = new List<string>();
        if (!warmup.Steady)
        {
            warnings.Add($"Warm-up reached its cap ({TimeText.Seconds(options.MaxWarmupTime)}) before the body's speed settled: {warmup.CapReason()}; the first samples may include slower code.");
        }

        if (steadiness.FinalMove is { } moved)
        {
            string again = steadiness.Attempts > 1 ? $" (measurement {steadiness.Attempts}; the earlier ones moved too and were discarded)" : string.Empty;
            warnings.Add($"Not settled: {moved}{again}. Lengthen MaxTime or MaxWarmupTime, or measure on a quieter machine.");
        }

        if (steadiness.Starved)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Starved: the measuring thread had a CPU for only {steadiness.CpuShare * 100:0} % of the measuring time (clock_gettime(CLOCK_THREAD_CPUTIME_ID)): other processes, or GCs that suspended it, interrupted most batches; the median and mean are stretched by the machine, and even the fastest batches may be."));
        }

        if (overheadNanoseconds > Summary.Median)
        {
            warnings.Add($"The body takes less time than the harness's own call ({TimeText.Nanoseconds(overheadNanoseconds)} per operation, subtracted): the figure is at the timer's limit. Loop inside the body and divide.");
        }

        Warnings = warnings;
    }

    /// <summary>Gets the summary of the samples, in nanoseconds per operation: one sample per batch.</summary>
    public SampleSummary Summary { get; }

    /// <summary>Gets the mean time per operation, in nanoseconds.</summary>
    public double MeanNanoseconds => Summary.Mean;

    /// <summary>Gets the median time per operation, in nanoseconds.</summary>
    public double MedianNanoseconds => Summary.Median;

    /// <summary>Gets the bytes allocated per operation on the measuring thread: exact total over every batch, divided by the operations.</summary>
    public double AllocatedBytesPerOperation { get; }

    /// <summary>Gets the number of samples (batches).</summary>
    public int Samples => Summary.Count;

    /// <summary>Gets the calls in each batch, calibrated during warm-up so a batch lasts about <see cref="BenchOptions.BatchTime"/>.</summary>
    public long OperationsPerBatch { get; }

    /// <summary>Gets the calls measured, over all batches.</summary>
    public long TotalOperations { get; }

    /// <summary>Gets the harness's own time per operation (a delegate call), measured on an empty body and subtracted from every sample.</summary>
    public double HarnessOverheadNanoseconds { get; }

    /// <summary>Gets how long the warm-up took.</summary>
    public TimeSpan WarmupTime { get; }

    /// <summary>Gets whether the JIT went quiet before measuring started (otherwise the warm-up cap ended it).</summary>
    public bool JitQuietBeforeMeasuring { get; }

    /// <summary>
    /// Gets whether the figures describe one steady speed: the warm-up ended on its own rule (JIT quiet and the fastest
    /// batch no longer improving, not the cap), the batches did not move while measuring (the lower quartile of the
    /// last third within ±10 % of the first third's). When false, <see cref="Warnings"/> says what moved; a consumer
    /// that draws conclusions from the figure should measure again or mark it unsettled.
    /// </summary>
    public bool Settled { get; }

    /// <summary>
    /// Gets the measuring thread's time on a CPU over the wall-clock time of the measurement kept, from
    /// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> (Linux); <see langword="null"/> where unavailable. Below 25 % the result
    /// warns (<c>Starved:</c>). It does not change <see cref="Settled"/>: on this project's 2-core machine at a load average
    /// of 55–60 the thread had a CPU for 16–24 % of the time, yet stored-baseline figures (built from the fastest batches)
    /// of unchanged code stayed within ±3 % in 38 of 39 comparisons and a doubled body measured +102 % to +112 %.
    /// </summary>
    public double? CpuShare { get; }

    /// <summary>Gets how many times the batches were measured: a measurement whose batches moved is discarded and the body warmed up and measured again while <see cref="BenchOptions.MaxTime"/> allows (at most 3).</summary>
    public int Measurements { get; }

    /// <summary>Gets how long the sampling took.</summary>
    public TimeSpan MeasuringTime { get; }

    /// <summary>Gets the runtime counters' change while sampling (GCs, JIT, lock contention).</summary>
    public RuntimeCounters Counters { get; }

    /// <summary>Gets how the runtime compiled and collected.</summary>
    public MeasurementMode Mode { get; }

    /// <summary>Gets the options used.</summary>
    public BenchOptions Options { get; }

    /// <summary>
    /// Gets what may make the figures less trustworthy, in words; empty when nothing was noticed. Each entry is one
    /// sentence or two: a warm-up that hit its cap before the speed settled, batches that moved while measuring (naming
    /// the first and last third's lower quartiles), or a body faster than the harness's own call.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    internal string WarmupDescription { get; }

    /// <summary>Formats the result the way criterion prints a benchmark.</summary>
    /// <returns>The text, over a few lines.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        var ci = Summary.MeanConfidenceInterval;
        text.Append(CultureInfo.InvariantCulture, $"time:   [{TimeText.Nanoseconds(ci.Lower)} {TimeText.Nanoseconds(Summary.Mean)} {TimeText.Nanoseconds(ci.Upper)}] (mean and its 95 % CI)").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"median: {TimeText.Nanoseconds(Summary.Median)}, sd {TimeText.Nanoseconds(Summary.StandardDeviation)}, p99 {TimeText.Nanoseconds(Summary.Percentile(0.99))}").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"alloc:  {ByteText.Format(AllocatedBytesPerOperation)} per operation (exact, measuring thread)").AppendLine();
        string again = Measurements > 1 ? $" (measurement {Measurements}: the batches of the earlier ones moved)" : string.Empty;
        text.Append(CultureInfo.InvariantCulture, $"{Samples} samples × {OperationsPerBatch} operations in {TimeText.Seconds(MeasuringTime)}{again} after {WarmupDescription}; harness overhead {TimeText.Nanoseconds(HarnessOverheadNanoseconds)} per operation subtracted.").AppendLine();
        text.Append(Summary.Outliers).Append(". ").Append(Mode);
        foreach (string warning in Warnings)
        {
            text.AppendLine().Append("warning: ").Append(warning);
        }

        return text.ToString();
    }
}
