using Meridian.Perf.Statistics;
using Meridian.Perf.Tool.Input;

namespace Meridian.Perf.Tool.Output;

/// <summary>
/// One benchmark of one result set, summarised for export: with one run, that run's mean and the interval of its
/// mean; with several runs, the mean of the runs' means and its Student-t interval over runs.
/// </summary>
internal sealed record SeriesSummary(
    string Name,
    string Kind,
    int Runs,
    double? MeanNanoseconds,
    double? LowerNanoseconds,
    double? UpperNanoseconds,
    double? BytesPerOperation,
    double? Throughput,
    double? ThroughputLower,
    double? ThroughputUpper,
    string? ThroughputUnit,
    Verdict? Verdict,
    double? Change,
    double? ChangeLower,
    double? ChangeUpper,
    double? PValue,
    bool? Passed,
    long? BudgetBytes,
    string? Note)
{
    /// <summary>Gets whether this result is a failure or a slowdown: what a reader must see first.</summary>
    public bool IsRegression => Passed == false || Verdict == Perf.Verdict.Slower;

    /// <summary>Gets the order rows are shown in: regressions, then inconclusive, then the rest.</summary>
    public int Rank => IsRegression ? 0 : Verdict == Perf.Verdict.Inconclusive || Note is not null ? 1 : 2;

    public static SeriesSummary Of(BenchmarkSeries series)
    {
        var timed = series.TimedRuns;
        double? mean = null, lower = null, upper = null;
        if (timed.Count == 1)
        {
            (mean, lower, upper) = (timed[0].MeanNanoseconds, timed[0].LowerNanoseconds, timed[0].UpperNanoseconds);
        }
        else if (timed.Count > 1)
        {
            var overRuns = SampleSummary.Of(timed.Select(r => r.MeanNanoseconds!.Value));
            (mean, lower, upper) = (overRuns.Mean, overRuns.MeanConfidenceInterval.Lower, overRuns.MeanConfidenceInterval.Upper);
        }

        var withThroughput = series.Runs.Where(r => r.Throughput is not null).ToList();
        // The worst verdict any run gave: one Slower run is what a reader must see.
        var verdicts = series.Runs.Where(r => r.Verdict is not null).ToList();
        var worst = verdicts.OrderBy(r => r.Verdict switch { Perf.Verdict.Slower => 0, Perf.Verdict.Inconclusive => 1, Perf.Verdict.Faster => 2, _ => 3 }).FirstOrDefault();
        var budgeted = series.Runs.Where(r => r.Passed is not null).ToList();
        return new SeriesSummary(
            series.Name,
            series.Kind,
            series.Runs.Count,
            mean,
            lower,
            upper,
            series.MedianBytes,
            withThroughput.Count > 0 ? withThroughput.Average(r => r.Throughput!.Value) : null,
            withThroughput.Count == 1 ? withThroughput[0].ThroughputLower : null,
            withThroughput.Count == 1 ? withThroughput[0].ThroughputUpper : null,
            withThroughput.FirstOrDefault()?.ThroughputUnit,
            worst?.Verdict,
            worst?.Change,
            worst?.ChangeLower,
            worst?.ChangeUpper,
            worst?.PValue,
            budgeted.Count > 0 ? budgeted.All(r => r.Passed == true) : null,
            budgeted.FirstOrDefault()?.BudgetBytes,
            series.Runs.Select(r => r.Note).FirstOrDefault(n => n is not null));
    }

    public static IReadOnlyList<SeriesSummary> Of(ResultSet set) =>
        [.. set.Benchmarks.Values.Select(Of).OrderBy(s => s.Rank).ThenBy(s => s.Name, StringComparer.Ordinal)];
}
