using System.Text.Json;
using Json.Schema;
using Meridian.Perf.Tool.Output;

namespace Meridian.Perf.Tool.Tests;

/// <summary>Exports of the committed results folder, checked against each format's published schema or consumer rules (Fixtures/formats).</summary>
public sealed class ExportFormatTests
{
    private static readonly Lazy<JsonSchema> Bmf = new(() => JsonSchema.FromText(File.ReadAllText(ToolRun.Fixture("formats", "bmf.schema.json"))));
    private static readonly Lazy<JsonSchema> Custom = new(() => JsonSchema.FromText(File.ReadAllText(ToolRun.Fixture("formats", "github-action-benchmark.custom.schema.json"))));

    [Fact]
    public void Bmf_validates_against_bencher_schema_and_keeps_its_limits()
    {
        var run = ToolRun.Invoke("export", "--format", "bmf", ToolRun.Fixture("results"));

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        AssertValid(Bmf.Value, document.RootElement);
        using var limits = JsonDocument.Parse(File.ReadAllText(ToolRun.Fixture("formats", "bmf.limits.json")));
        int benchmarkMax = limits.RootElement.GetProperty("benchmarkNameMaxLength").GetInt32();
        int measureMax = limits.RootElement.GetProperty("measureNameMaxLength").GetInt32();
        var benchmarks = document.RootElement.EnumerateObject().ToList();
        Assert.Equal(8, benchmarks.Count);
        Assert.All(benchmarks, b => Assert.InRange(b.Name.Length, 1, benchmarkMax));
        Assert.All(benchmarks.SelectMany(b => b.Value.EnumerateObject()), m => Assert.InRange(m.Name.Length, 1, measureMax));

        var bench = document.RootElement.GetProperty("Meridian.Perf.ResultsProbe.Scenarios.BenchRun");
        Assert.True(bench.TryGetProperty(BmfWriter.Latency, out var latency));
        Assert.True(bench.GetProperty(BmfWriter.AllocatedBytes).GetProperty("value").GetDouble() == 0);
        Assert.True(latency.GetProperty("value").GetDouble() > 0);
        var labelled = document.RootElement.GetProperty("probe/labelled");
        Assert.True(labelled.TryGetProperty(BmfWriter.Throughput, out _));
        Assert.Equal(128, document.RootElement.GetProperty("Meridian.Perf.ResultsProbe.Scenarios.AllocationsAssertedOverBudget").GetProperty(BmfWriter.AllocatedBytes).GetProperty("value").GetDouble());
        // Only the two built-in measures and the one for allocations are used.
        Assert.All(benchmarks.SelectMany(b => b.Value.EnumerateObject()), m => Assert.Contains(m.Name, new[] { "latency", "throughput", "allocated-bytes" }));
    }

    [Fact]
    public void Bmf_intervals_bracket_their_value_or_are_left_out()
    {
        var run = ToolRun.Invoke("export", "--format", "bmf", ToolRun.Fixture("results"));

        using var document = JsonDocument.Parse(run.Output);
        foreach (var measure in document.RootElement.EnumerateObject().SelectMany(b => b.Value.EnumerateObject()))
        {
            double value = measure.Value.GetProperty("value").GetDouble();
            bool hasLower = measure.Value.TryGetProperty("lower_value", out var lower);
            bool hasUpper = measure.Value.TryGetProperty("upper_value", out var upper);
            Assert.Equal(hasLower, hasUpper);
            if (hasLower)
            {
                Assert.InRange(value, lower.GetDouble(), upper.GetDouble());
            }
        }
    }

    [Fact]
    public void A_name_longer_than_bencher_allows_is_shortened_and_stays_distinct()
    {
        string a = new string('a', 1500) + "1";
        string b = new string('a', 1500) + "2";

        string fitA = BmfWriter.Fit(a, BmfWriter.MaxBenchmarkName);
        string fitB = BmfWriter.Fit(b, BmfWriter.MaxBenchmarkName);

        Assert.Equal(BmfWriter.MaxBenchmarkName, fitA.Length);
        Assert.NotEqual(fitA, fitB);
        Assert.Equal("short", BmfWriter.Fit("short", BmfWriter.MaxBenchmarkName));
    }

    [Fact]
    public void Github_action_benchmark_entries_follow_its_parser_with_time_and_bytes_apart()
    {
        var run = ToolRun.Invoke("export", "--format", "github-action-benchmark", ToolRun.Fixture("results"));

        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        AssertValid(Custom.Value, document.RootElement);
        var entries = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(entries.Count, entries.Select(e => e.GetProperty("name").GetString()).Distinct().Count());
        Assert.Contains(entries, e => e.GetProperty("name").GetString() == "Meridian.Perf.ResultsProbe.Scenarios.BenchRun - time" && e.GetProperty("unit").GetString() == "ns/op");
        Assert.Contains(entries, e => e.GetProperty("name").GetString() == "Meridian.Perf.ResultsProbe.Scenarios.BenchRun - allocated" && e.GetProperty("unit").GetString() == "B/op");
        // Bigger-is-better figures have no place in a smaller-is-better file.
        Assert.DoesNotContain(entries, e => e.GetProperty("unit").GetString()!.EndsWith("/s", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schemas_reject_what_the_consumers_reject()
    {
        using var emptyArray = JsonDocument.Parse("[]");
        using var stringValue = JsonDocument.Parse("[{\"name\": \"x\", \"value\": \"31\", \"unit\": \"ns\"}]");
        using var noValue = JsonDocument.Parse("{\"bench\": {\"latency\": {\"lower_value\": 1}}}");

        Assert.False(Custom.Value.Evaluate(emptyArray.RootElement).IsValid);
        Assert.False(Custom.Value.Evaluate(stringValue.RootElement).IsValid);
        Assert.False(Bmf.Value.Evaluate(noValue.RootElement).IsValid);
    }

    [Fact]
    public void The_markdown_summary_puts_regressions_first()
    {
        var run = ToolRun.Invoke("export", "--format", "markdown", ToolRun.Fixture("results"));

        Assert.Equal(0, run.ExitCode);
        string text = run.Output;
        Assert.StartsWith("## Meridian.Perf results", text, StringComparison.Ordinal);
        Assert.Contains("**2 regressions**", text, StringComparison.Ordinal);
        int regressions = text.IndexOf("### Regressions", StringComparison.Ordinal);
        int rest = text.IndexOf("### Everything else", StringComparison.Ordinal);
        Assert.InRange(regressions, 0, rest);
        string regressionTable = text[regressions..rest];
        Assert.Contains("AllocationsAssertedOverBudget", regressionTable, StringComparison.Ordinal);
        Assert.Contains("over budget", regressionTable, StringComparison.Ordinal);
        Assert.Contains("BenchCompare", regressionTable, StringComparison.Ordinal);
        Assert.DoesNotContain("FakeTests.Parses", regressionTable, StringComparison.Ordinal);
        Assert.Contains("FakeTests.Parses(42, \"x\") | zero-alloc |", text[rest..], StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_exits_one_when_the_set_holds_a_regression()
    {
        var run = ToolRun.Invoke("summary", ToolRun.Fixture("results"));

        Assert.Equal(Cli.Regression, run.ExitCode);
        Assert.Contains("8 measurements, 2 regression(s)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_to_a_file_is_appended_as_step_summaries_are()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, "earlier step\n");
        try
        {
            var run = ToolRun.Invoke("summary", ToolRun.Fixture("results"), "--format", "markdown", "--output", file);

            Assert.Equal(Cli.Regression, run.ExitCode);
            string text = File.ReadAllText(file);
            Assert.StartsWith("earlier step\n## Meridian.Perf results", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void AssertValid(JsonSchema schema, JsonElement element)
    {
        var result = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
