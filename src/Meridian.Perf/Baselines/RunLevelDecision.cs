using System.Globalization;
using Meridian.Perf.Statistics;
using MathNet.Numerics.Distributions;

namespace Meridian.Perf;

/// <summary>
/// The stored baselines' decision rule (<see cref="ComparisonMethod.StoredRuns"/>): the run is the unit of replication.
/// </summary>
/// <remarks>
/// <para>Why: inside one process, back-to-back runs of one warmed body differed by up to 23 % while each run's batches
/// gave a ±0.5–3 % interval, so a test that treats two runs' batches as samples of one distribution called unchanged code
/// Slower or Faster in 23 of 44 comparisons across processes. Here each run contributes one figure.</para>
/// <para>With K ≥ <see cref="MinimumRunsForSpread"/> recorded runs, the log figures' standard deviation s (K − 1 degrees
/// of freedom, never taken below this run's own part-to-part spread nor below <see cref="MinimumSpread"/>) gives a Student-t prediction interval for a new run
/// of unchanged code: (y − mean) ± t · s · √(1 + 1/K). The verdict then follows criterion's rule with it. With fewer runs
/// the spread is unknown: only a change beyond <see cref="UnknownSpreadFactor"/> between every part of this run and every
/// part of the recorded runs is decided.</para>
/// </remarks>
internal static class RunLevelDecision
{
    public const int MinimumRunsForSpread = 3;

    /// <summary>
    /// Gets the factor a change must exceed when the spread between runs is unknown: beyond the 3.4× that the fastest
    /// batches of one body moved between two runs a second apart in one process at a load average of ~60 on 2 cores
    /// (and far beyond the −35 % to +38 % measured for unchanged code across processes before).
    /// </summary>
    public const double UnknownSpreadFactor = 4;

    /// <summary>
    /// Gets the least spread between runs (standard deviation of log figures) ever assumed: five runs recorded in a quiet
    /// hour can agree within 1 %, but a shared machine moves whole runs by 5–20 %, and a spread estimated from five
    /// runs is itself uncertain.
    /// </summary>
    public const double MinimumSpread = 0.05;

    public static RunLevelResult Decide(IReadOnlyList<BaselineRun> recorded, BaselineRun current, VerdictOptions verdict)
    {
        int runs = recorded.Count;
        double[] logs = recorded.Select(static r => Math.Log(r.Nanoseconds)).ToArray();
        double mean = logs.Average();
        double y = Math.Log(current.Nanoseconds);
        double change = Math.Exp(y - mean) - 1;
        double level = 1 - verdict.Alpha;
        if (runs < MinimumRunsForSpread)
        {
            double recordedMin = recorded.SelectMany(static r => r.Replicates).Min();
            double recordedMax = recorded.SelectMany(static r => r.Replicates).Max();
            var range = new ConfidenceInterval((current.Replicates.Min() / recordedMax) - 1, (current.Replicates.Max() / recordedMin) - 1, level);
            var decided = range.Lower > UnknownSpreadFactor - 1 ? Verdict.Slower
                : range.Upper < (1 / UnknownSpreadFactor) - 1 ? Verdict.Faster
                : Verdict.Inconclusive;
            string rule = string.Create(
                CultureInfo.InvariantCulture,
                $"{runs} recorded run{(runs == 1 ? string.Empty : "s")}: too few to estimate how much whole runs of this body vary on this machine (at least {MinimumRunsForSpread} are needed), so only a change beyond a factor of {UnknownSpreadFactor:0.##} between every part of this run and every part of the recorded runs is decided; the range shown is the smallest and largest ratio of the parts");
            return new RunLevelResult(change, range, double.NaN, decided, runs, null, rule);
        }

        double spread = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (runs - 1));
        double[] parts = current.Replicates.Select(static r => Math.Log(r)).ToArray();
        double ownSpread = parts.Length > 1 ? Math.Sqrt(parts.Sum(l => (l - parts.Average()) * (l - parts.Average())) / (parts.Length - 1)) : 0;
        double allowed = Math.Max(Math.Max(spread, ownSpread), MinimumSpread);
        double standardError = allowed * Math.Sqrt(1 + (1.0 / runs));
        int degreesOfFreedom = runs - 1;
        double quantile = StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + (level / 2));
        double p = standardError > 0 ? TDistributionTails.PValues((y - mean) / standardError, degreesOfFreedom).TwoSided : (y == mean ? 1 : 0);
        var interval = new ConfidenceInterval(Math.Exp(y - mean - (quantile * standardError)) - 1, Math.Exp(y - mean + (quantile * standardError)) - 1, level);
        var result = ChangeEstimate.Decide(interval, p, verdict.Alpha, verdict.NoiseThreshold);
        string spreadRule = string.Create(
            CultureInfo.InvariantCulture,
            $"this run against {runs} recorded runs, whose figures spread by ±{(Math.Exp(spread) - 1) * 100:0.0} % (standard deviation of the log figures, {degreesOfFreedom} degrees of freedom){AllowedInstead(spread, ownSpread, allowed)}; the {level * 100:0.##} % prediction interval of a new run of unchanged code is ±{(Math.Exp(quantile * standardError) - 1) * 100:0.0} %");
        return new RunLevelResult(change, interval, p, result, runs, allowed, spreadRule);
    }

    private static string AllowedInstead(double spread, double ownSpread, double allowed) =>
        allowed == spread ? string.Empty
        : allowed == ownSpread ? string.Create(CultureInfo.InvariantCulture, $"; this run's own parts spread more, ±{(Math.Exp(ownSpread) - 1) * 100:0.0} %, and that was allowed for instead")
        : string.Create(CultureInfo.InvariantCulture, $"; less than the ±{(Math.Exp(MinimumSpread) - 1) * 100:0.0} % any two runs on a shared machine may differ by, which was allowed for instead");
}
