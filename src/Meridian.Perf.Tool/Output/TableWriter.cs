using System.Globalization;
using Meridian.Perf.Tool.Comparing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Meridian.Perf.Tool.Output;

/// <summary>Terminal tables (Spectre.Console) for <c>compare</c> and <c>summary</c>.</summary>
internal static class TableWriter
{
    public static void Comparison(IAnsiConsole console, ComparisonResult result)
    {
        console.WriteLine($"old: {result.Old}");
        console.WriteLine($"new: {result.New}");
        var table = new Table().Border(TableBorder.Rounded);
        Columns(table, "Benchmark", "Old", "New", "Change [interval]", "Verdict", "Allocated (old → new)", "Replicates");
        foreach (var b in result.Benchmarks)
        {
            string color = b.IsRegression ? "red" : b.Time?.Verdict == Verdict.Faster ? "green" : b.Time?.Verdict == Verdict.Inconclusive ? "yellow" : "default";
            table.AddRow(
                new Text(b.Name),
                new Text(Formats.Time(b.Time?.OldNanoseconds)),
                new Text(Formats.Time(b.Time?.NewNanoseconds)),
                new Text(b.Time is { } t ? Formats.Change(t.Change, t.Lower, t.Upper) : "–"),
                new Text(b.Time is { } v ? $"{v.Verdict} (p = {Formats.PValue(v.PValue)})" : "–", new Style(Color(color))),
                new Text(b.Allocation is { } a ? $"{Formats.Bytes(a.OldBytes)} → {Formats.Bytes(a.NewBytes)}" : "–", new Style(b.Allocation is { Difference: > 0 } ? Spectre.Console.Color.Red : Spectre.Console.Color.Default)),
                new Text(b.Time is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r.OldReplicates} vs {r.NewReplicates} {r.Replicates}") : "–"));
        }

        console.Write(table);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Benchmarks.Count} compared, {result.Regressions} regression(s); noise threshold ±{result.Settings.Threshold * 100:0.##} %, α {result.Settings.Alpha:0.###}; {result.OnlyOld.Count} only in old, {result.OnlyNew.Count} only in new."));
        foreach (var regression in result.Benchmarks.Where(b => b.IsRegression))
        {
            console.WriteLine($"regression: {regression.Name}: {regression.Reason}");
        }
    }

    public static void Summary(IAnsiConsole console, string source, IReadOnlyList<SeriesSummary> results)
    {
        console.WriteLine($"{source}: {results.Count} measurements, {results.Count(r => r.IsRegression)} regression(s)");
        var table = new Table().Border(TableBorder.Rounded);
        Columns(table, "Name", "Kind", "Time/op [95 % interval]", "Allocated/op", "Verdict", "Runs");
        foreach (var r in results)
        {
            string verdict = r.Verdict?.ToString() ?? (r.Passed is { } passed ? (passed ? "within budget" : "over budget") : "–");
            table.AddRow(
                new Text(r.Name),
                new Text(r.Kind),
                new Text(r.MeanNanoseconds is null ? "–" : $"{Formats.Time(r.MeanNanoseconds)} {Formats.Interval(r.LowerNanoseconds, r.UpperNanoseconds)}"),
                new Text(Formats.Bytes(r.BytesPerOperation)),
                new Text(verdict, new Style(r.IsRegression ? Spectre.Console.Color.Red : Spectre.Console.Color.Default)),
                new Text(r.Runs.ToString(CultureInfo.InvariantCulture)));
        }

        console.Write(table);
    }

    // Headers hold brackets, which Spectre's markup would read as styles: give them as plain text.
    private static void Columns(Table table, params string[] headers)
    {
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)));
        }
    }

    private static Color Color(string name) => name switch
    {
        "red" => Spectre.Console.Color.Red,
        "green" => Spectre.Console.Color.Green,
        "yellow" => Spectre.Console.Color.Yellow,
        _ => Spectre.Console.Color.Default,
    };
}
