namespace Meridian.Perf;

/// <summary>How <see cref="Bench.Compare(Action, Action, CompareOptions?)"/> turns interleaved batches into a verdict.</summary>
public enum ComparisonMethod
{
    /// <summary>
    /// A paired analysis of adjacent batches (the default). Batches run in blocks of four, A B B A or B A A B chosen
    /// at random (so periodic interference such as a scheduler's time slice cannot always hit the same body); each block gives one ratio, (B₁ + B₂) / (A₁ + A₂), in which a drift that is linear over the
    /// block cancels exactly and slower changes nearly so. A one-sample t-test (trimmed: <see cref="CompareOptions.Trim"/>) on the logarithms of the block ratios gives the
    /// p-value and the interval of the change (a ratio of geometric means). Noise that the two bodies share within a block —
    /// another process taking the core, a frequency change — drops out, so it has more power than Welch on the same batches.
    /// </summary>
    PairedBlocks,

    /// <summary>
    /// Welch's t-test (trimmed: Yuen's test, <see cref="CompareOptions.Trim"/>) on the logarithms of every batch's time per operation, treating the baseline's and the
    /// candidate's batches as independent samples (their interleaving still protects against drift, but shared noise
    /// stays in the variance). It is the more conservative choice, and the only possible one across runs, as for stored baselines.
    /// </summary>
    Welch,
}
