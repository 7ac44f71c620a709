using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <summary>What <see cref="RunLevelDecision"/> decided, and the rule it applied in words.</summary>
/// <param name="Change">This run's figure over the recorded runs' geometric mean, minus one.</param>
/// <param name="Interval">The prediction interval of the change (or, with an unknown spread, the range of part ratios).</param>
/// <param name="PValue">The two-sided p-value; NaN when the spread is unknown.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Runs">The recorded runs compared with.</param>
/// <param name="LogSpread">The spread allowed for, as a standard deviation of log figures; null when unknown.</param>
/// <param name="Rule">What was compared and the spread allowed for, in words.</param>
internal sealed record RunLevelResult(double Change, ConfidenceInterval Interval, double PValue, Verdict Verdict, int Runs, double? LogSpread, string Rule)
{
    public ChangeEstimate ToEstimate() => new(Change, Interval, PValue, Verdict);
}
