using System.Globalization;
using System.Text;
using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <summary>
/// The result of comparing a candidate's timing with a baseline's: the relative change of the time per operation,
/// its interval and p-value, the <see cref="Verdict"/>, and how it was measured.
/// </summary>
public sealed class Comparison
{
    internal Comparison(SampledComparison sampled, CompareOptions options, WarmupOutcome warmup, OperationCounts operations, AllocationTotals allocations, double overhead)
    {
        Baseline = SampleSummary.Of(sampled.Baseline);
        Candidate = SampleSummary.Of(sampled.Candidate);
        Change = sampled.Estimate.Change;
        ChangeInterval = sampled.Estimate.Interval;
        PValue = sampled.Estimate.PValue;
        Verdict = sampled.Estimate.Verdict;
        Alpha = options.Verdict.Alpha;
        AlphaPerLook = options.AlphaPerLook;
        NoiseThreshold = options.Verdict.NoiseThreshold;
        Method = options.Method;
        Blocks = sampled.Blocks;
        Rounds = sampled.Rounds;
        WarmupTime = warmup.Elapsed;
        JitQuietBeforeMeasuring = warmup.JitQuiet;
        MeasuringTime = sampled.MeasuringTime;
        BaselineAllocatedBytesPerOperation = allocations.BaselinePerOperation;
        CandidateAllocatedBytesPerOperation = allocations.CandidatePerOperation;
        var notes = new List<string>();
        if (!warmup.Steady)
        {
            notes.Add($"Warm-up reached its cap before both bodies' speed settled: {warmup.CapReason()}; tier-up may have happened while measuring.");
        }

        // Interleaving cancels a change of the machine that hits both bodies alike, not a change of one body's own code.
        string? baselineMoved = SteadyState.Moved(sampled.Baseline, "the baseline's batches");
        string? candidateMoved = SteadyState.Moved(sampled.Candidate, "the candidate's batches");
        if (baselineMoved is not null)
        {
            notes.Add($"Not settled: {baselineMoved}.");
        }

        if (candidateMoved is not null)
        {
            notes.Add($"Not settled: {candidateMoved}.");
        }

        Settled = warmup.Steady && baselineMoved is null && candidateMoved is null;

        if (sampled.StoppedBy is { } stopped)
        {
            notes.Add($"Stopped after round {sampled.Rounds} of {options.MaxRounds}: {stopped}.");
        }

        if (overhead > Math.Min(Baseline.Median, Candidate.Median))
        {
            notes.Add($"A body takes less time than the harness's own call ({TimeText.Nanoseconds(overhead)}, subtracted): the figures are at the timer's limit; loop inside the body.");
        }

        Notes = notes;
        Design = string.Create(
            CultureInfo.InvariantCulture,
            $"{Blocks} blocks (A B B A or B A A B, at random) × 2 batches per body, interleaved in one process: {operations.Baseline} and {operations.Candidate} operations per batch (~{TimeText.Nanoseconds(options.BatchTime.Ticks * 100.0)}), harness overhead {TimeText.Nanoseconds(overhead)} per operation subtracted; {TimeText.Seconds(MeasuringTime)} after {warmup.Describe()}");
        Analysis = string.Create(
            CultureInfo.InvariantCulture,
            $"{MethodText(Method, options.Verdict.Trim)}; round {Rounds} of at most {options.MaxRounds}, α {Alpha:0.###} split over the rounds (Bonferroni)");
        Reason = Explain();
    }

    internal Comparison(SampleSummary baseline, SampleSummary candidate, ChangeEstimate estimate, double alpha, double noiseThreshold, double baselineBytes, double candidateBytes, string design, string analysis, IReadOnlyList<string> notes, ComparisonMethod method, bool settled)
    {
        Baseline = baseline;
        Candidate = candidate;
        Change = estimate.Change;
        ChangeInterval = estimate.Interval;
        PValue = estimate.PValue;
        Verdict = estimate.Verdict;
        Alpha = alpha;
        AlphaPerLook = alpha;
        NoiseThreshold = noiseThreshold;
        Method = method;
        Rounds = 1;
        JitQuietBeforeMeasuring = true;
        Settled = settled;
        BaselineAllocatedBytesPerOperation = baselineBytes;
        CandidateAllocatedBytesPerOperation = candidateBytes;
        Design = design;
        Analysis = analysis;
        Notes = notes;
        Reason = Explain();
    }

    /// <summary>Gets the verdict.</summary>
    public Verdict Verdict { get; }

    /// <summary>Gets why the verdict is what it is, in one sentence.</summary>
    public string Reason { get; }

    /// <summary>Gets the relative change of the candidate's time per operation: 0.15 is 15 % slower, −0.2 is 20 % faster (a ratio of geometric means, minus one).</summary>
    public double Change { get; }

    /// <summary>Gets the interval of <see cref="Change"/>, at level 1 − <see cref="AlphaPerLook"/>.</summary>
    public ConfidenceInterval ChangeInterval { get; }

    /// <summary>Gets the two-sided p-value of the last look for "no change".</summary>
    public double PValue { get; }

    /// <summary>Gets the significance level of the whole comparison.</summary>
    public double Alpha { get; }

    /// <summary>Gets the significance level of each look (<see cref="Alpha"/> / <see cref="CompareOptions.MaxRounds"/>, Bonferroni).</summary>
    public double AlphaPerLook { get; }

    /// <summary>Gets the smallest relative change that counts.</summary>
    public double NoiseThreshold { get; }

    /// <summary>Gets the analysis used.</summary>
    public ComparisonMethod Method { get; }

    /// <summary>Gets the baseline's samples, in nanoseconds per operation (one per batch).</summary>
    public SampleSummary Baseline { get; }

    /// <summary>Gets the candidate's samples, in nanoseconds per operation (one per batch).</summary>
    public SampleSummary Candidate { get; }

    /// <summary>Gets the baseline's exact bytes allocated per operation on the measuring thread.</summary>
    public double BaselineAllocatedBytesPerOperation { get; }

    /// <summary>Gets the candidate's exact bytes allocated per operation on the measuring thread.</summary>
    public double CandidateAllocatedBytesPerOperation { get; }

    /// <summary>Gets the blocks measured (each two batches per body); 0 when compared with a stored baseline.</summary>
    public int Blocks { get; }

    /// <summary>Gets the rounds (looks at the data) taken.</summary>
    public int Rounds { get; }

    /// <summary>Gets how long the warm-up took.</summary>
    public TimeSpan WarmupTime { get; }

    /// <summary>Gets whether the JIT went quiet before measuring started.</summary>
    public bool JitQuietBeforeMeasuring { get; }

    /// <summary>
    /// Gets whether both bodies ran at one steady speed: the warm-up ended on its own rule (not the cap) and neither
    /// body's batches moved while measuring (see <see cref="BenchResult.Settled"/>); <see cref="Notes"/> says what moved.
    /// For a stored baseline it reflects this run's measurement.
    /// </summary>
    public bool Settled { get; }

    /// <summary>Gets how long the measuring took (warm-up excluded).</summary>
    public TimeSpan MeasuringTime { get; }

    /// <summary>Gets how the samples were taken, in words.</summary>
    public string Design { get; }

    /// <summary>Gets how the samples were analysed, in words.</summary>
    public string Analysis { get; }

    /// <summary>Gets what may make the result less trustworthy, or why it stopped early; empty when nothing was noticed.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Gets the candidate's speed-up over the baseline, 1 / (1 + <see cref="Change"/>): 2 means twice as fast.</summary>
    public double Speedup => 1 / (1 + Change);

    /// <summary>Formats the comparison the way criterion prints one, over a few lines.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("baseline:  ").AppendLine(TimeLine(Baseline, BaselineAllocatedBytesPerOperation));
        text.Append("candidate: ").AppendLine(TimeLine(Candidate, CandidateAllocatedBytesPerOperation));
        text.Append(CultureInfo.InvariantCulture, $"change:    [{TimeText.Percent(ChangeInterval.Lower)} {TimeText.Percent(Change)} {TimeText.Percent(ChangeInterval.Upper)}] (p = {TimeText.PValue(PValue)}; {ChangeInterval.Level * 100:0.##} % interval)").AppendLine();
        text.Append("verdict:   ").Append(Verdict).Append(": ").AppendLine(Reason);
        text.Append("measured:  ").Append(Design).AppendLine(".");
        text.Append("analysis:  ").Append(Analysis).AppendLine(".");
        text.Append(CultureInfo.InvariantCulture, $"outliers:  baseline {Baseline.Outliers}; candidate {Candidate.Outliers}");
        foreach (string note in Notes)
        {
            text.AppendLine().Append("note:      ").Append(note);
        }

        return text.ToString();
    }

    internal static string MethodText(ComparisonMethod method, double trim) => (method, trim > 0) switch
    {
        (ComparisonMethod.PairedBlocks, true) => string.Create(CultureInfo.InvariantCulture, $"paired {trim * 100:0} % trimmed t-test (Tukey–McLaughlin) on the per-block log ratios of each body's faster batch"),
        (ComparisonMethod.PairedBlocks, false) => "paired t-test on the per-block log ratios of each body's faster batch",
        (ComparisonMethod.StoredRuns, _) => "run-level test of stored baselines",
        (_, true) => string.Create(CultureInfo.InvariantCulture, $"Yuen's {trim * 100:0} % trimmed Welch t-test on log time per batch"),
        _ => "Welch t-test on log time per batch",
    };

    private static string TimeLine(SampleSummary summary, double bytes) => string.Create(
        CultureInfo.InvariantCulture,
        $"time: [{TimeText.Nanoseconds(summary.MeanConfidenceInterval.Lower)} {TimeText.Nanoseconds(summary.Mean)} {TimeText.Nanoseconds(summary.MeanConfidenceInterval.Upper)}]  alloc: {ByteText.Format(bytes)}/op  ({summary.Count} samples)");

    private string Explain()
    {
        string threshold = string.Create(CultureInfo.InvariantCulture, $"{NoiseThreshold * 100:0.##} %");
        string level = string.Create(CultureInfo.InvariantCulture, $"{ChangeInterval.Level * 100:0.##} %");
        string alpha = AlphaPerLook.ToString("0.####", CultureInfo.InvariantCulture);
        return Verdict switch
        {
            Verdict.Slower => $"p < {alpha} and the whole {level} interval of the change lies above the +{threshold} noise threshold.",
            Verdict.Faster => $"p < {alpha} and the whole {level} interval of the change lies below the -{threshold} noise threshold.",
            Verdict.NoChange => $"the whole {level} interval of the change lies within ±{threshold}.",
            _ => PValue < AlphaPerLook
                ? $"the change is significant (p < {alpha}) but its {level} interval reaches into ±{threshold}, the noise threshold: it may be too small to matter."
                : $"the {level} interval of the change is too wide to decide at p < {alpha} (noise, or too few samples); lengthen MaxTime or run on a quieter machine.",
        };
    }
}
