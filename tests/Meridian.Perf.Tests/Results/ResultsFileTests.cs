using System.Text.Json;
using Meridian.Perf.Results;

namespace Meridian.Perf.Tests.Results;

public sealed class ResultsFileTests
{
    [Fact]
    public void Sixteen_threads_writing_at_once_leave_every_line_whole_and_every_name_unique()
    {
        string folder = Path.Combine(Path.GetTempPath(), "meridian-results-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var file = new ResultsFile(folder);
            Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
            {
                for (int i = 0; i < 200; i++)
                {
                    file.Write("same-name", (name, sequence) => Record(name, sequence, file.Run));
                }
            });

            string[] lines = File.ReadAllLines(file.FilePath);
            Assert.Equal(3200, lines.Length);
            var records = lines.Select(line => JsonSerializer.Deserialize(line, ResultsJsonContext.Default.ResultRecord)!).ToList();
            Assert.Equal(3200, records.Select(r => r.Name).Distinct().Count());
            Assert.Equal("same-name", records[0].Name);
            Assert.Equal("same-name #2", records[1].Name);
            Assert.Equal(Enumerable.Range(1, 3200).Select(i => (long)i), records.Select(r => r.Process.Sequence));
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public void Nothing_is_created_before_the_first_record()
    {
        string folder = Path.Combine(Path.GetTempPath(), "meridian-results-tests", Guid.NewGuid().ToString("N"));

        var file = new ResultsFile(folder);

        Assert.False(Directory.Exists(folder));
        Assert.StartsWith(Path.Combine(Path.GetFullPath(folder), "meridian-perf-"), file.FilePath, StringComparison.Ordinal);
        Assert.EndsWith($"-{Environment.ProcessId}-{file.Run}.jsonl", file.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_folder_fails_with_the_path_and_the_setting_that_asked_for_it()
    {
        string blocker = Path.GetTempFileName();
        try
        {
            var file = new ResultsFile(Path.Combine(blocker, "results"));

            var error = Assert.Throws<InvalidOperationException>(() => file.Write("x", (name, sequence) => Record(name, sequence, file.Run)));

            Assert.Contains("MERIDIAN_PERF_RESULTS", error.Message, StringComparison.Ordinal);
            Assert.Contains(blocker, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Theory]
    [InlineData("/env", null, "/env")]
    [InlineData(null, "/switch", "/switch")]
    [InlineData("/env", "/switch", "/env")]
    [InlineData("  ", "/switch", "/switch")]
    [InlineData(null, null, null)]
    public void The_variable_wins_over_the_runtimeconfig_property(string? variable, string? property, string? expected)
    {
        string? folder = ResultsSink.ResolveFolder(
            name => name == ResultsSink.FolderVariable ? variable : null,
            name => name == ResultsSink.FolderSwitch ? property : null);

        Assert.Equal(expected, folder);
    }

    private static ResultRecord Record(string name, long sequence, string run) => new()
    {
        Kind = "allocations",
        Name = name,
        BytesPerOperation = 0,
        Machine = MachineFingerprint.Current,
        Mode = new ModeRecord(),
        Process = new ProcessRecord { Id = Environment.ProcessId, Run = run, Sequence = sequence },
    };
}
