namespace Meridian.Perf.Tool.Tests;

public sealed class InputErrorTests
{
    [Fact]
    public void A_missing_folder_is_named_with_what_to_give_instead()
    {
        string missing = Path.Combine(Path.GetTempPath(), "meridian-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var run = ToolRun.Invoke("compare", missing, ToolRun.Fixture("results"));

        Assert.Equal(Cli.InputError, run.ExitCode);
        Assert.Equal($"meridian-perf: '{missing}' does not exist: give a results folder (MERIDIAN_PERF_RESULTS), a results file (*.jsonl) or a BenchmarkDotNet JSON export.", run.Error.Trim());
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_foreign_json_file_is_refused_with_how_to_export_one()
    {
        string file = Path.GetTempFileName() + ".json";
        File.WriteAllText(file, "{\"name\": \"not a benchmark\"}");
        try
        {
            var run = ToolRun.Invoke("summary", file);

            Assert.Equal(Cli.InputError, run.ExitCode);
            Assert.Contains("not a BenchmarkDotNet JSON export (no \"Benchmarks\" array). Export with --exporters json", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Unreadable_json_names_the_file_and_line()
    {
        var run = InFolder(("broken.jsonl", "{\"schema\": \"meridian-perf/result@1\", \"kind\": \n"), "summary");

        Assert.Equal(Cli.InputError, run.ExitCode);
        Assert.Contains("broken.jsonl, line 1: not readable JSON", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_of_another_schema_version_is_refused()
    {
        var run = InFolder(("future.jsonl", "{\"schema\": \"meridian-perf/result@2\"}\n"), "export", "--format", "bmf");

        Assert.Equal(Cli.InputError, run.ExitCode);
        Assert.Contains("schema 'meridian-perf/result@2' is not one this tool reads (meridian-perf/result@1)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sets_with_nothing_in_common_are_an_error_not_a_pass()
    {
        var run = ToolRun.Invoke("compare", ToolRun.Fixture("results"), ToolRun.Fixture("bdn", "base"));

        Assert.Equal(Cli.InputError, run.ExitCode);
        Assert.Contains("have no benchmark name in common, so nothing can be compared", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_says_what_it_looked_for()
    {
        var run = InFolder(null, "summary");

        Assert.Equal(Cli.InputError, run.ExitCode);
        Assert.Contains("holds no results: no meridian-perf results files (*.jsonl", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_is_refused_by_the_command_line()
    {
        var run = ToolRun.Invoke("export", "--format", "csv", ToolRun.Fixture("results"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("csv", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs the tool with <paramref name="args"/> and then a temporary folder holding <paramref name="file"/> (or nothing).</summary>
    private static ToolRun InFolder((string Name, string Text)? file, params string[] args)
    {
        string folder = Directory.CreateTempSubdirectory("meridian-tool-").FullName;
        try
        {
            if (file is { } f)
            {
                File.WriteAllText(Path.Combine(folder, f.Name), f.Text);
            }

            return ToolRun.Invoke([.. args, folder]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
