using System.Globalization;
using System.Text;
using Meridian.Perf.Tool.Comparing;

namespace Meridian.Perf.Tool.Output;

/// <summary>Markdown for a pull request or <c>$GITHUB_STEP_SUMMARY</c>: regressions first, then everything else.</summary>
internal static class MarkdownWriter
{
    public static string Summary(string source, IReadOnlyList<SeriesSummary> results)
    {
        var text = new StringBuilder();
        int regressions = results.Count(r => r.IsRegression);
        text.AppendLine("## Meridian.Perf results").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"{results.Count} measurements from `{source}`: ")
            .Append(regressions == 0 ? "**no regression**." : string.Create(CultureInfo.InvariantCulture, $"**{regressions} regression{(regressions == 1 ? string.Empty : "s")}** (failed allocation budgets or Slower verdicts)."))
            .AppendLine().AppendLine();
        if (regressions > 0)
        {
            text.AppendLine("### Regressions").AppendLine();
            Table(text, results.Where(r => r.IsRegression));
            text.AppendLine();
        }

        text.AppendLine(regressions > 0 ? "### Everything else" : "### All measurements").AppendLine();
        Table(text, results.Where(r => !r.IsRegression));
        return text.ToString();
    }

    public static string Comparison(ComparisonResult result)
    {
        var text = new StringBuilder();
        text.AppendLine("## Meridian.Perf compare").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"Old: {result.Old}  ").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"New: {result.New}").AppendLine().AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"{result.Benchmarks.Count} benchmarks in both: ")
            .Append(result.Regressions == 0 ? "**no regression**." : string.Create(CultureInfo.InvariantCulture, $"**{result.Regressions} regression{(result.Regressions == 1 ? string.Empty : "s")}**."))
            .Append(CultureInfo.InvariantCulture, $" Noise threshold ±{result.Settings.Threshold * 100:0.##} %, α {result.Settings.Alpha:0.###}.")
            .AppendLine().AppendLine();
        text.AppendLine("| | Benchmark | Old | New | Change [interval] | Verdict | Allocated (old → new) | Replicates |");
        text.AppendLine("|---|---|---:|---:|---|---|---|---|");
        foreach (var b in result.Benchmarks)
        {
            string mark = b.IsRegression ? "❌" : b.Time?.Verdict == Verdict.Inconclusive ? "❔" : "✅";
            string change = b.Time is { } t ? Formats.Change(t.Change, t.Lower, t.Upper) : "–";
            string verdict = b.Time is { } v ? $"{v.Verdict} (p = {Formats.PValue(v.PValue)})" : "–";
            string bytes = b.Allocation is { } a ? $"{Formats.Bytes(a.OldBytes)} → {Formats.Bytes(a.NewBytes)}" : "–";
            string replicates = b.Time is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r.OldReplicates} vs {r.NewReplicates} {r.Replicates}") : "–";
            text.Append(CultureInfo.InvariantCulture, $"| {mark} | {Formats.Cell(b.Name)} | {Formats.Time(b.Time?.OldNanoseconds)} | {Formats.Time(b.Time?.NewNanoseconds)} | {change} | {verdict} | {bytes} | {replicates} |").AppendLine();
        }

        if (result.OnlyOld.Count > 0 || result.OnlyNew.Count > 0)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"Not compared: {result.OnlyOld.Count} only in old, {result.OnlyNew.Count} only in new.").AppendLine();
        }

        return text.ToString();
    }

    private static void Table(StringBuilder text, IEnumerable<SeriesSummary> rows)
    {
        text.AppendLine("| | Name | Kind | Time/op [95 % interval] | Allocated/op | Throughput | Verdict | Runs |");
        text.AppendLine("|---|---|---|---|---:|---|---|---:|");
        foreach (var r in rows)
        {
            string mark = r.IsRegression ? "❌" : r.Rank == 1 ? "❔" : "✅";
            string time = r.MeanNanoseconds is null ? "–" : $"{Formats.Time(r.MeanNanoseconds)} {Formats.Interval(r.LowerNanoseconds, r.UpperNanoseconds)}".TrimEnd();
            string bytes = Formats.Bytes(r.BytesPerOperation) + (r.BudgetBytes is { } budget ? string.Create(CultureInfo.InvariantCulture, $" (budget {budget} B)") : string.Empty);
            string throughput = r.Throughput is { } tp ? string.Create(CultureInfo.InvariantCulture, $"{tp:G4} {r.ThroughputUnit}") : "–";
            string verdict = r.Verdict is { } v
                ? $"{v}{(r.Change is { } c ? $" {Formats.Change(c, r.ChangeLower ?? double.NaN, r.ChangeUpper ?? double.NaN)}" : string.Empty)}"
                : r.Passed is { } passed ? (passed ? "within budget" : "over budget") : r.Note ?? "–";
            text.Append(CultureInfo.InvariantCulture, $"| {mark} | {Formats.Cell(r.Name)} | {r.Kind} | {time} | {bytes} | {throughput} | {Formats.Cell(verdict)} | {r.Runs} |").AppendLine();
        }
    }
}
