using System.Text.Json;

namespace Meridian.Perf.Tool.Tests;

/// <summary>
/// <c>compare</c> on committed BenchmarkDotNet exports of samples/Meridian.Perf.Benchmarks' ResultsCompareBenchmarks
/// (see Fixtures/bdn/README.md): 8 interleaved in-process runs per variant; in <c>slow</c> only Chain does 1.5× the work.
/// </summary>
public sealed class CompareBenchmarkDotNetTests
{
    private const string Chain = "Meridian.Perf.Benchmarks.ResultsCompareBenchmarks.Chain";

    [Fact]
    public void A_one_and_a_half_times_slowdown_is_flagged_and_nothing_else()
    {
        var run = ToolRun.Invoke("compare", ToolRun.Fixture("bdn", "base"), ToolRun.Fixture("bdn", "slow"), "--format", "json");

        Assert.Equal(Cli.Regression, run.ExitCode);
        var benchmarks = Benchmarks(run.Output);
        Assert.Equal(5, benchmarks.Count);
        var flagged = benchmarks.Where(b => b.GetProperty("regression").GetBoolean()).Select(b => b.GetProperty("name").GetString()).ToList();
        Assert.Equal([Chain], flagged);
        var chain = benchmarks.Single(b => b.GetProperty("name").GetString() == Chain).GetProperty("time");
        Assert.Equal("Slower", chain.GetProperty("verdict").GetString());
        Assert.Equal("runs", chain.GetProperty("replicates").GetString());
        Assert.Equal(8, chain.GetProperty("oldReplicates").GetInt32());
        Assert.InRange(chain.GetProperty("change").GetDouble(), 0.25, 0.9);
        Assert.All(benchmarks.Where(b => b.GetProperty("name").GetString() != Chain), b => Assert.NotEqual("Slower", b.GetProperty("time").GetProperty("verdict").GetString()));
    }

    [Fact]
    public void Two_exports_of_unchanged_code_flag_nothing()
    {
        var run = ToolRun.Invoke("compare", ToolRun.Fixture("bdn", "base"), ToolRun.Fixture("bdn", "same"), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var benchmarks = Benchmarks(run.Output);
        Assert.Equal(5, benchmarks.Count);
        Assert.All(benchmarks, b => Assert.False(b.GetProperty("regression").GetBoolean()));
        Assert.All(benchmarks, b => Assert.Contains(b.GetProperty("time").GetProperty("verdict").GetString(), new[] { "NoChange", "Inconclusive" }));
    }

    [Fact]
    public void Allocations_are_compared_exactly_from_the_memory_diagnoser()
    {
        var run = ToolRun.Invoke("compare", ToolRun.Fixture("bdn", "base"), ToolRun.Fixture("bdn", "same"), "--format", "json");

        var format = Benchmarks(run.Output).Single(b => b.GetProperty("name").GetString()!.EndsWith(".Format", StringComparison.Ordinal));
        Assert.Equal(240, format.GetProperty("allocated").GetProperty("oldBytesPerOperation").GetDouble());
        Assert.Equal(240, format.GetProperty("allocated").GetProperty("newBytesPerOperation").GetDouble());
    }

    [Fact]
    public void With_one_export_per_side_the_iterations_are_the_replicates_and_the_output_says_so()
    {
        string old = Directory.GetFiles(ToolRun.Fixture("bdn", "base"), "*.json").Order(StringComparer.Ordinal).First();
        string @new = Directory.GetFiles(ToolRun.Fixture("bdn", "same"), "*.json").Order(StringComparer.Ordinal).First();

        var run = ToolRun.Invoke("compare", old, @new, "--format", "json");

        Assert.Contains(run.ExitCode, new[] { 0, Cli.Regression });
        Assert.All(Benchmarks(run.Output), b => Assert.Equal("batches", b.GetProperty("time").GetProperty("replicates").GetString()));
    }

    [Fact]
    public void The_table_and_the_markdown_name_the_regression()
    {
        var table = ToolRun.Invoke("compare", ToolRun.Fixture("bdn", "base"), ToolRun.Fixture("bdn", "slow"));
        var markdown = ToolRun.Invoke("compare", ToolRun.Fixture("bdn", "base"), ToolRun.Fixture("bdn", "slow"), "--format", "markdown");

        Assert.Equal(Cli.Regression, table.ExitCode);
        Assert.Contains("regression: " + Chain + ": slower by", table.Output, StringComparison.Ordinal);
        Assert.Contains("1 regression(s)", table.Output, StringComparison.Ordinal);
        string firstRow = markdown.Output.Split('\n').First(line => line.StartsWith("| ❌", StringComparison.Ordinal) || line.StartsWith("| ✅", StringComparison.Ordinal) || line.StartsWith("| ❔", StringComparison.Ordinal));
        Assert.StartsWith("| ❌ | " + Chain + " |", firstRow, StringComparison.Ordinal);
    }

    [Fact]
    public void Failing_verdicts_are_configurable()
    {
        var run = ToolRun.Invoke("compare", ToolRun.Fixture("bdn", "base"), ToolRun.Fixture("bdn", "slow"), "--fail-on", "none");

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_threshold_above_the_slowdown_makes_it_no_regression()
    {
        var run = ToolRun.Invoke("compare", ToolRun.Fixture("bdn", "base"), ToolRun.Fixture("bdn", "slow"), "--threshold", "95", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(Benchmarks(run.Output), b => b.GetProperty("regression").GetBoolean());
    }

    private static List<JsonElement> Benchmarks(string json) =>
        [.. JsonDocument.Parse(json).RootElement.GetProperty("benchmarks").EnumerateArray()];
}
