using System.Globalization;
using Meridian.Perf.Tool.Input;

namespace Meridian.Perf.Tool.Comparing;

/// <summary>
/// Compares two result sets benchmark by benchmark. Timing: a Welch t-test on the logarithms of the replicates, which
/// are the runs (each run's median batch) when both sides have at least two runs — runs drift far more than the batches
/// inside a run vary, so runs are the unit of replication — and otherwise each side's batches, said as such.
/// The verdict follows the library's rule: Slower (Faster) when p &lt; α and the whole interval lies above (below)
/// the noise threshold, NoChange when it lies within ±threshold, else Inconclusive. Allocations: exact, compared as
/// they are.
/// </summary>
internal static class Comparer
{
    public static ComparisonResult Compare(ResultSet old, ResultSet @new, CompareSettings settings)
    {
        var common = old.Benchmarks.Keys.Intersect(@new.Benchmarks.Keys, StringComparer.Ordinal).ToList();
        if (common.Count == 0)
        {
            throw new ToolInputException(
                $"'{old.Source}' ({old.Benchmarks.Count} benchmarks) and '{@new.Source}' ({@new.Benchmarks.Count}) have no benchmark name in common, so nothing can be compared. " +
                $"For example, old has '{old.Benchmarks.Keys.Order(StringComparer.Ordinal).First()}' and new has '{@new.Benchmarks.Keys.Order(StringComparer.Ordinal).First()}'.");
        }

        var compared = common
            .Select(name => CompareOne(old.Benchmarks[name], @new.Benchmarks[name], settings))
            .OrderBy(c => c.Rank)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return new ComparisonResult(
            Describe(old),
            Describe(@new),
            compared,
            [.. old.Benchmarks.Keys.Except(common).Order(StringComparer.Ordinal)],
            [.. @new.Benchmarks.Keys.Except(common).Order(StringComparer.Ordinal)],
            settings);
    }

    internal static BenchmarkComparison CompareOne(BenchmarkSeries old, BenchmarkSeries @new, CompareSettings settings)
    {
        var time = CompareTime(old, @new, settings);
        var allocation = old.MedianBytes is { } oldBytes && @new.MedianBytes is { } newBytes ? new AllocationChange(oldBytes, newBytes) : null;
        var reasons = new List<string>();
        if (time is { Verdict: Verdict.Slower } && settings.FailOnSlower)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"slower by {time.Change:+0.0%;-0.0%} [{time.Lower:+0.0%;-0.0%}, {time.Upper:+0.0%;-0.0%}]"));
        }

        if (time is { Verdict: Verdict.Inconclusive } && settings.FailOnInconclusive)
        {
            reasons.Add("inconclusive timing (--fail-on inconclusive)");
        }

        if (allocation is { } bytes && bytes.Difference > settings.AllocationTolerance && settings.FailOnAllocations)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"allocates {bytes.Difference:0.##} B/op more ({bytes.OldBytes:0.##} → {bytes.NewBytes:0.##} B/op)"));
        }

        return new BenchmarkComparison(@new.Name, time, allocation, reasons.Count > 0, reasons.Count > 0 ? string.Join("; ", reasons) : "no regression");
    }

    private static TimeChange? CompareTime(BenchmarkSeries old, BenchmarkSeries @new, CompareSettings settings)
    {
        var oldRuns = old.TimedRuns;
        var newRuns = @new.TimedRuns;
        if (oldRuns.Count == 0 || newRuns.Count == 0)
        {
            return null;
        }

        double[] oldValues;
        double[] newValues;
        string replicates;
        if (oldRuns.Count >= 2 && newRuns.Count >= 2)
        {
            oldValues = [.. oldRuns.Select(RunValue)];
            newValues = [.. newRuns.Select(RunValue)];
            replicates = "runs";
        }
        else
        {
            oldValues = [.. oldRuns.SelectMany(Batches)];
            newValues = [.. newRuns.SelectMany(Batches)];
            replicates = "batches";
        }

        if (oldValues.Length < 2 || newValues.Length < 2)
        {
            return new TimeChange(GeometricMean(oldValues), GeometricMean(newValues), (GeometricMean(newValues) / GeometricMean(oldValues)) - 1, double.NegativeInfinity, double.PositiveInfinity, 1 - settings.Alpha, 1, Verdict.Inconclusive, oldValues.Length, newValues.Length, replicates);
        }

        var estimate = ChangeEstimate.Analyze(oldValues, newValues, ComparisonMethod.Welch, 0, settings.Alpha, settings.Threshold);
        return new TimeChange(
            GeometricMean(oldValues),
            GeometricMean(newValues),
            estimate.Change,
            estimate.Interval.Lower,
            estimate.Interval.Upper,
            estimate.Interval.Level,
            estimate.PValue,
            estimate.Verdict,
            oldValues.Length,
            newValues.Length,
            replicates);
    }

    private static double RunValue(RunMeasurement run) => run.MedianNanoseconds is > 0 ? run.MedianNanoseconds.Value : run.MeanNanoseconds!.Value;

    private static IEnumerable<double> Batches(RunMeasurement run) =>
        run.BatchNanoseconds.Count > 0 ? run.BatchNanoseconds.Where(v => v > 0) : [run.MeanNanoseconds!.Value];

    private static double GeometricMean(double[] values) => Math.Exp(values.Average(Math.Log));

    private static string Describe(ResultSet set) => string.Create(
        CultureInfo.InvariantCulture,
        $"{set.Source} ({set.Format}: {set.Benchmarks.Count} benchmarks, {set.Runs} run{(set.Runs == 1 ? string.Empty : "s")})");
}
