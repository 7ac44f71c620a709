namespace Meridian.Perf;

/// <summary>How <see cref="Bench.Compare(Action, Action, CompareOptions?)"/> turns interleaved batches into a verdict.</summary>
public enum ComparisonMethod
{
    /// <summary>
    /// <para>A paired analysis of adjacent batches (the default). Batches run in blocks of four, A B B A or B A A B
    /// chosen at random, so that periodic interference (a scheduler's time slice, a timer) cannot always hit the same
    /// body and a drift over the run affects both bodies alike. Each block gives one ratio: the faster of the
    /// candidate's two batches over the faster of the baseline's two. A 20 % trimmed one-sample t-test (see
    /// <see cref="VerdictOptions.Trim"/>) on the logarithms of the block ratios gives the p-value and the interval of
    /// the change.</para>
    /// <para>Why the faster batch: other processes and interrupts only ever add time. On this library's 2-core
    /// development machine under a load average of 11–20, summing the two batches left 17 of 20 comparisons of a
    /// +15 % pair inconclusive (intervals ±30 %); the faster batch found +15 % [+13 % +17 %] in 20 of 20. The
    /// price: a cost that strikes only some batches, such as a gen-0 GC every few batches, is partly hidden (the
    /// exact bytes per operation are reported beside the time); use <see cref="Welch"/>, which keeps every batch,
    /// when that cost is the point.</para>
    /// </summary>
    PairedBlocks,

    /// <summary>
    /// Welch's t-test (trimmed: Yuen's test, <see cref="VerdictOptions.Trim"/>) on the logarithms of every batch's
    /// time per operation, treating the baseline's and the candidate's batches as independent samples: every batch
    /// counts, including those disturbed by the machine (their interleaving still protects against drift, but shared
    /// noise stays in the variance). It needs a quieter machine, and it is the only possible analysis across runs, as
    /// for stored baselines.
    /// </summary>
    Welch,

    /// <summary>
    /// A stored baseline's run-level test (<see cref="PerfAssert.NoRegression(string, Action, BaselineOptions?, string)"/>;
    /// not accepted by <see cref="CompareOptions.Method"/>): the run is the unit of replication. This run's figure (the
    /// geometric mean of the fastest batch of each of five consecutive fifths of its batches: other processes only add time) is compared with the recorded runs'
    /// figures through a Student-t prediction interval whose spread is the spread between the recorded runs; with fewer
    /// than three recorded runs the spread is unknown and only a change beyond a factor of 4 between every part of
    /// this run and every part of the recorded ones decides.
    /// </summary>
    StoredRuns,
}
