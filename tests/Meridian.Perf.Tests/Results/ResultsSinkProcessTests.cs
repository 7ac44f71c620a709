using System.Diagnostics;
using System.Text.Json;
using Meridian.Perf.Results;

namespace Meridian.Perf.Tests.Results;

/// <summary>
/// The sink reads its folder once per process, so these tests run tests/Meridian.Perf.ResultsProbe as a child process
/// with and without <c>MERIDIAN_PERF_RESULTS</c> and read back what it wrote.
/// </summary>
public sealed class ResultsSinkProcessTests
{
    [Fact]
    public void Every_kind_of_measurement_writes_one_record_named_after_its_caller()
    {
        string folder = TempFolder();
        try
        {
            string output = RunProbe(folder, "every", Path.Combine(folder, "baselines"));

            var records = ReadAll(Path.Combine(folder, "results"));
            Assert.Contains("done", output);
            Assert.Equal(
                [
                    ("bench", "Meridian.Perf.ResultsProbe.Scenarios.BenchRun"),
                    ("compare", "Meridian.Perf.ResultsProbe.Scenarios.BenchCompare"),
                    ("baseline", "Meridian.Perf.ResultsProbe.Scenarios.BaselineRecordedThenCompared/probe-key"),
                    ("baseline", "Meridian.Perf.ResultsProbe.Scenarios.BaselineRecordedThenCompared/probe-key #2"),
                    ("allocations", "Meridian.Perf.ResultsProbe.Scenarios.AllocationsMeasured"),
                    ("allocations", "Meridian.Perf.ResultsProbe.Scenarios.AllocationsAssertedOverBudget"),
                    ("zero-alloc", "Meridian.Perf.ResultsProbe.FakeTests.Parses(42, \"x\")"),
                    ("bench", "probe/labelled"),
                ],
                records.Select(r => (r.Kind, r.Name)));
            Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Process.Sequence));
            Assert.Single(records.Select(r => r.Process.Run).Distinct());

            var bench = records[0];
            Assert.NotNull(bench.Time);
            Assert.Equal(5, bench.Time.Samples);
            Assert.Equal(bench.Time.Samples, bench.Time.Values.Count);
            Assert.Equal(0, bench.BytesPerOperation);
            Assert.Equal(MachineFingerprint.Current, bench.Machine);

            var compare = records[1];
            Assert.NotNull(compare.Verdict);
            Assert.NotNull(compare.BaselineTime);
            Assert.Contains(compare.Verdict.Verdict, new[] { "Slower", "Inconclusive" });

            Assert.Equal("Recorded", records[2].Outcome);
            Assert.Null(records[2].Verdict);
            Assert.Equal("probe-key", records[3].Key);
            Assert.Contains(records[3].Outcome, new[] { "Compared", "Failed" });
            Assert.NotNull(records[3].Verdict);

            Assert.Equal(24, records[4].Allocations!.BytesPerCall);
            Assert.Null(records[4].Allocations!.Passed);
            Assert.Equal(128, records[5].Allocations!.BytesPerCall);
            Assert.False(records[5].Allocations!.Passed);
            Assert.Equal(0, records[5].Allocations!.BudgetBytesPerCall);
            Assert.True(records[6].Allocations!.Passed);
            Assert.Equal([0L, 0L], records[6].Allocations!.WindowBytes);

            var labelled = records[7];
            Assert.NotNull(labelled.Throughput);
            Assert.Equal("frames/s", labelled.Throughput.Unit);
            Assert.Equal(1000 * 1e9 / labelled.Time!.Mean, labelled.Throughput.Value, 6);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Threads_writing_at_once_lose_and_corrupt_nothing()
    {
        string folder = TempFolder();
        try
        {
            RunProbe(folder, "parallel", "8", "40");

            var records = ReadAll(Path.Combine(folder, "results"));
            Assert.Equal(320, records.Count);
            Assert.Equal(Enumerable.Range(1, 320).Select(i => (long)i), records.Select(r => r.Process.Sequence));
            Assert.Equal(320, records.Select(r => r.Name).Distinct().Count());
            Assert.All(records, r => Assert.Equal(16 + 24, r.Allocations!.BytesPerCall));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Without_the_variable_nothing_is_written()
    {
        string folder = TempFolder();
        try
        {
            string output = RunProbe(null, "every", Path.Combine(folder, "baselines"));

            Assert.Contains("recording=False file=", output);
            Assert.Equal(["baselines"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
            Assert.Empty(Directory.GetFiles(folder, "*.jsonl", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static List<ResultRecord> ReadAll(string folder)
    {
        var records = new List<ResultRecord>();
        foreach (string file in Directory.GetFiles(folder, "*.jsonl"))
        {
            foreach (string line in File.ReadLines(file))
            {
                records.Add(JsonSerializer.Deserialize(line, ResultsJsonContext.Default.ResultRecord)!);
            }
        }

        return [.. records.OrderBy(r => r.Process.Sequence)];
    }

    private static string TempFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "meridian-results-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string RunProbe(string? folder, params string[] arguments)
    {
        string probe = Path.Combine(AppContext.BaseDirectory, "Meridian.Perf.ResultsProbe.dll");
        var start = new ProcessStartInfo("dotnet", [probe, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Remove(ResultsSink.FolderVariable);
        if (folder is not null)
        {
            start.Environment[ResultsSink.FolderVariable] = Path.Combine(folder, "results");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The results probe failed (exit {process.ExitCode}): {output}{error.Result}");
        }

        return output;
    }
}
