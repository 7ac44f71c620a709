namespace Meridian.Perf;

/// <summary>
/// How a timing verdict is decided — the significance level, the smallest change that counts and the trimming of the
/// batch-level tests — shared by <see cref="CompareOptions.Verdict"/> and <see cref="BaselineOptions.Verdict"/>, so
/// their defaults and validation live in one place. Values are validated when set.
/// </summary>
/// <remarks>
/// A verdict is <see cref="Perf.Verdict.Slower"/> when p &lt; α and the whole interval of the change lies above
/// +<see cref="NoiseThreshold"/>, <see cref="Perf.Verdict.Faster"/> when p &lt; α and it lies below −threshold,
/// <see cref="Perf.Verdict.NoChange"/> when it lies within ±threshold, and <see cref="Perf.Verdict.Inconclusive"/>
/// otherwise (criterion's rule).
/// </remarks>
public sealed record VerdictOptions
{
    private readonly double _alpha = 0.05;
    private readonly double _noiseThreshold = 0.05;
    private readonly double _trim = 0.2;

    /// <summary>Gets the defaults: α 0.05, noise threshold 5 %, trim 20 %.</summary>
    public static VerdictOptions Default { get; } = new();

    /// <summary>Gets the significance level of the whole comparison (all looks at the data together).</summary>
    /// <value>Default 0.05; strictly between 0 and 1.</value>
    public double Alpha
    {
        get => _alpha;
        init => _alpha = TimingGuard.Fraction(value, nameof(Alpha), 0, 1);
    }

    /// <summary>
    /// Gets the smallest relative change that counts: <see cref="Perf.Verdict.Slower"/> needs the whole interval of the
    /// change above it, <see cref="Perf.Verdict.Faster"/> below its negative, <see cref="Perf.Verdict.NoChange"/> within ± it.
    /// </summary>
    /// <value>Default 0.05 (5 %); strictly between 0 and 1. <see cref="BaselineOptions"/> uses 0.10 by default.</value>
    public double NoiseThreshold
    {
        get => _noiseThreshold;
        init => _noiseThreshold = TimingGuard.Fraction(value, nameof(NoiseThreshold), 0, 1);
    }

    /// <summary>
    /// Gets the fraction of the smallest and of the largest batch values trimmed before a batch-level t-test
    /// (Tukey–McLaughlin for <see cref="ComparisonMethod.PairedBlocks"/>, Yuen for <see cref="ComparisonMethod.Welch"/>),
    /// so that a few batches hit by another process or a GC do not widen the interval. 0 gives the classic t-tests.
    /// A stored baseline's run-level test does not trim: it has one value per run.
    /// </summary>
    /// <value>Default 0.2 (20 % from each end); from 0 to 0.4.</value>
    public double Trim
    {
        get => _trim;
        init => _trim = TimingGuard.Trim(value, nameof(Trim));
    }
}
