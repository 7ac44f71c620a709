using System.Text.Json.Nodes;
using Meridian.Perf.Tests.Timing;

namespace Meridian.Perf.Tests.Baselines;

[Collection(LiveTimingCollection.Name)]
public sealed class BaselineStoreTests : IDisposable
{
    private static readonly BenchOptions Quick = new() { Samples = 30 };
    private readonly string _directory = Directory.CreateTempSubdirectory("meridian-baselines-").FullName;
    private readonly List<string> _notes = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_first_run_records_the_baseline_beside_the_test_source_and_passes_with_a_note()
    {
        var check = PerfAssert.NoRegression("chain-300", static () => Workloads.Chain(300), Options());

        Assert.Equal(BaselineOutcome.Recorded, check.Outcome);
        Assert.Null(check.Verdict);
        Assert.Equal(Path.Combine(_directory, "BaselineStoreTests.chain-300.perf.json"), check.FilePath);
        var json = JsonNode.Parse(File.ReadAllText(check.FilePath))!;
        Assert.Equal(1, (int)json["schemaVersion"]!);
        Assert.Equal("chain-300", (string)json["key"]!);
        Assert.Equal(30, json["samples"]!.AsArray().Count);
        Assert.Equal(Environment.ProcessorCount, (int)json["machine"]!["processorCount"]!);
        Assert.Equal(0, (double)json["allocatedBytesPerOperation"]!);
        Assert.StartsWith("Meridian.Perf: no baseline 'chain-300' yet; this run was recorded: mean ", Assert.Single(_notes), StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_location_is_the_calling_source_files_folder()
    {
        string path = BaselineStore.PathFor("parse-1k", "/work/tests/ParserTests.cs".Replace('/', Path.DirectorySeparatorChar), directory: _directory);
        var error = Assert.Throws<InvalidOperationException>(() => BaselineStore.PathFor("parse-1k", "/_/tests/ParserTests.cs", directory: null));

        Assert.Equal(Path.Combine(_directory, "ParserTests.parse-1k.perf.json"), path);
        Assert.Contains("its directory '/_/tests' does not exist on this machine", error.Message, StringComparison.Ordinal);
        Assert.Contains("set BaselineOptions.Directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_three_times_slower_than_its_baseline_fails()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        Rewrite(recorded.FilePath, json => Scale(json, 1 / 3.0));

        var failure = Record.Exception(() => PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options()));

        if (failure is null)
        {
            // A noisy machine may leave it inconclusive, never compared as fine.
            Assert.Contains(_notes, static note => note.StartsWith("Meridian.Perf: baseline 'chain': Inconclusive", StringComparison.Ordinal));
            return;
        }

        var assertion = Assert.IsType<PerformanceAssertionException>(failure);
        Assert.StartsWith("Expected 'chain' not to be slower than its stored baseline, but it is +", assertion.Message, StringComparison.Ordinal);
        Assert.Contains($"against the baseline '{recorded.FilePath}' recorded ", assertion.Message, StringComparison.Ordinal);
        Assert.Contains("record the baseline again with MERIDIAN_PERF_ACCEPT=1", assertion.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Slower, assertion.Comparison!.Verdict);
    }

    [Fact]
    public void A_body_three_times_faster_than_its_baseline_passes()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        Rewrite(recorded.FilePath, json => Scale(json, 3));

        var check = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());

        Assert.Equal(BaselineOutcome.Compared, check.Outcome);
        Assert.True(check.Verdict is Verdict.Faster or Verdict.Inconclusive, check.Comparison!.ToString());
        Assert.True(check.Comparison.Change < -0.33, check.Comparison.ToString());
    }

    [Fact]
    public void Accept_records_again_over_the_old_file()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        File.WriteAllText(recorded.FilePath, "{ not json");

        var accepted = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options() with { Accept = true });

        Assert.Equal(BaselineOutcome.Accepted, accepted.Outcome);
        Assert.Equal("chain", BaselineStore.Read(accepted.FilePath, "chain").Key);
        Assert.Contains("recorded again (MERIDIAN_PERF_ACCEPT is set)", _notes[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_accept_variable_is_MERIDIAN_PERF_ACCEPT(string? value, bool accept)
    {
        Assert.Equal(accept, BaselineStore.AcceptRequested(name => name == "MERIDIAN_PERF_ACCEPT" ? value : "1"));
    }

    [Fact]
    public void A_baseline_from_another_machine_is_inconclusive_with_the_reason_and_never_fails()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        Rewrite(recorded.FilePath, static json =>
        {
            json["machine"]!["cpuModel"] = "Imaginary CPU @ 9.99GHz";
            json["machine"]!["processorCount"] = 128;
            Scale(json, 1 / 3.0);
        });

        var check = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options() with { FailOnInconclusive = true });

        Assert.Equal(BaselineOutcome.MachineMismatch, check.Outcome);
        Assert.Equal(Verdict.Inconclusive, check.Verdict);
        Assert.Contains($"CPU 'Imaginary CPU @ 9.99GHz' (recorded) vs '{MachineFingerprint.Current.CpuModel}' (now)", check.Note, StringComparison.Ordinal);
        Assert.Contains($"logical processors '128' (recorded) vs '{Environment.ProcessorCount}' (now)", check.Note, StringComparison.Ordinal);
        Assert.Contains("Record a baseline for this machine with MERIDIAN_PERF_ACCEPT=1", check.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 1, ", "it is not a valid baseline document: ")]
    [InlineData("null", "it holds the JSON literal null instead of a baseline document")]
    [InlineData("{ \"schemaVersion\": 1 }", "it is not a valid baseline document: JSON deserialization for type 'Meridian.Perf.BaselineFile' was missing required properties")]
    public void A_corrupt_file_is_an_error_naming_the_file_and_the_problem(string content, string problem)
    {
        string path = Path.Combine(_directory, "BaselineStoreTests.chain.perf.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options()));

        Assert.StartsWith($"The stored timing baseline '{path}' cannot be used: {problem}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix or delete the file, or record it again with MERIDIAN_PERF_ACCEPT=1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_impossible_samples_is_an_error_saying_which()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        Rewrite(recorded.FilePath, static json => json["samples"]![3] = -1.5);

        var error = Assert.Throws<InvalidDataException>(() => BaselineStore.Read(recorded.FilePath, "chain"));

        Assert.Contains("cannot be used: sample 3 is -1.5; samples are positive times in ns/op.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_interrupted_before_the_rename_leaves_the_old_file_whole_and_no_temporary_file()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        string before = File.ReadAllText(recorded.FilePath);
        var replacement = BaselineStore.Read(recorded.FilePath, "chain") with { OperationsPerBatch = 1 };
        string? temporary = null;

        Assert.Throws<IOException>(() => BaselineStore.Write(recorded.FilePath, replacement, beforeReplace: path =>
        {
            temporary = path;
            Assert.True(File.Exists(path));
            throw new IOException("simulated crash between writing and renaming");
        }));

        Assert.Equal(before, File.ReadAllText(recorded.FilePath));
        Assert.False(File.Exists(temporary));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Keys_that_cannot_name_a_file_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PerfAssert.NoRegression("../escape", static () => { }, Options()));

        Assert.Contains("The baseline key '../escape' cannot name a file", error.Message, StringComparison.Ordinal);
    }

    private static void Scale(JsonNode json, double factor)
    {
        var samples = json["samples"]!.AsArray();
        for (int i = 0; i < samples.Count; i++)
        {
            samples[i] = (double)samples[i]! * factor;
        }
    }

    private static void Rewrite(string path, Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        change(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private BaselineOptions Options() => new() { Directory = _directory, Bench = Quick, Accept = false, Log = _notes.Add };
}
