namespace Meridian.Perf.Tool.Comparing;

/// <summary>The change of time per operation from the old set to the new one.</summary>
/// <param name="OldNanoseconds">The old set's typical time per operation (geometric mean of its replicates: run medians, or batches).</param>
/// <param name="NewNanoseconds">The new set's.</param>
/// <param name="Change">The relative change (0.5 = 50 % slower), a ratio of geometric means minus one.</param>
/// <param name="Lower">The lower bound of the change's interval.</param>
/// <param name="Upper">The upper bound.</param>
/// <param name="Level">The interval's level.</param>
/// <param name="PValue">Welch's two-sided p-value on the logarithms.</param>
/// <param name="Verdict">The decision.</param>
/// <param name="OldReplicates">How many replicates the old side had.</param>
/// <param name="NewReplicates">How many the new side had.</param>
/// <param name="Replicates">What the replicates were: <c>runs</c> (several runs per side) or <c>batches</c> (one run per side: run-to-run drift not covered).</param>
internal sealed record TimeChange(
    double OldNanoseconds,
    double NewNanoseconds,
    double Change,
    double Lower,
    double Upper,
    double Level,
    double PValue,
    Verdict Verdict,
    int OldReplicates,
    int NewReplicates,
    string Replicates);
