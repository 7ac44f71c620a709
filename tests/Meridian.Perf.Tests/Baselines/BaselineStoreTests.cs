using System.Text.Json.Nodes;
using Meridian.Perf.Tests.Timing;

namespace Meridian.Perf.Tests.Baselines;

[Collection(LiveTimingCollection.Name)]
public sealed class BaselineStoreTests : IDisposable
{
    private static readonly BenchOptions Quick = new() { Samples = 20, WarmupQuietPeriod = TimeSpan.FromMilliseconds(50) };
    private readonly string _directory = Directory.CreateTempSubdirectory("meridian-baselines-").FullName;
    private readonly List<string> _notes = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_first_run_records_run_one_of_five_with_exact_bytes_and_passes_with_a_note()
    {
        var check = PerfAssert.NoRegression("chain-300", static () => Workloads.Chain(300), Options());

        Assert.Equal(BaselineOutcome.Recorded, check.Outcome);
        Assert.Null(check.Verdict);
        Assert.Equal(1, check.RecordedRuns);
        Assert.Equal(Path.Combine(_directory, "BaselineStoreTests.chain-300.perf.json"), check.FilePath);
        var json = JsonNode.Parse(File.ReadAllText(check.FilePath))!;
        Assert.Equal(2, (int)json["schemaVersion"]!);
        Assert.Equal("chain-300", (string)json["key"]!);
        var run = Assert.Single(json["runs"]!.AsArray())!;
        Assert.Equal(5, run["replicates"]!.AsArray().Count);
        Assert.Matches(@"\n      ""replicates"": \[[0-9.]+, [0-9.]+, [0-9.]+, [0-9.]+, [0-9.]+\],\n", File.ReadAllText(check.FilePath));
        Assert.Matches(@"""recordedUtc"": ""\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00""", File.ReadAllText(check.FilePath));
        Assert.Equal(20, (int)run["batches"]!);
        Assert.Equal(Environment.ProcessorCount, (int)json["machine"]!["processorCount"]!);
        Assert.Equal(0, (double)json["allocatedBytesPerOperation"]!);
        Assert.StartsWith("Meridian.Perf: no baseline 'chain-300' yet; this run was recorded as run 1 of 5: median ", Assert.Single(_notes), StringComparison.Ordinal);
        Assert.Contains("The next 4 runs of this test (each a new process) complete it", _notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Later_runs_are_added_until_the_baseline_is_complete_and_then_it_never_changes()
    {
        var options = Options() with { Runs = 3 };
        var first = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), options);
        var checks = new List<BaselineCheck>();

        // A run whose batches did not settle (possible on a loaded machine) is compared but not added; try a few more.
        for (int attempt = 0; attempt < 8 && BaselineStore.Read(first.FilePath, "chain").Runs.Length < 3; attempt++)
        {
            checks.Add(PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), options));
        }

        string complete = File.ReadAllText(first.FilePath);
        var after = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), options);

        Assert.Equal(3, BaselineStore.Read(first.FilePath, "chain").Runs.Length);
        var second = checks.First(static c => c.RunAdded);
        Assert.Equal(BaselineOutcome.Compared, second.Outcome);
        Assert.Equal(2, second.RecordedRuns);
        Assert.Contains("This run was added to the baseline (run 2 of 3).", second.Note, StringComparison.Ordinal);
        Assert.All(checks.Where(static c => !c.RunAdded), static c => Assert.Contains("its measurement did not settle", c.Note, StringComparison.Ordinal));
        Assert.False(after.RunAdded);
        Assert.Equal(3, after.RecordedRuns);
        Assert.Equal(complete, File.ReadAllText(after.FilePath));
        Assert.Contains("this run against 3 recorded runs, whose figures spread by ±", after.Comparison!.Analysis, StringComparison.Ordinal);
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
    public void A_missing_explicit_directory_says_so_and_does_not_blame_deterministic_builds()
    {
        string missing = Path.Combine(_directory, "not-there");

        var error = Assert.Throws<InvalidOperationException>(() => PerfAssert.NoRegression("chain", NeverMeasured, Options() with { Directory = missing }));

        Assert.Equal($"Cannot store the baseline 'chain': BaselineOptions.Directory '{missing}' does not exist. Create it (and commit the baselines recorded there), or point BaselineOptions.Directory at the folder that holds them.", error.Message);
    }

    [Fact]
    public void A_folder_in_the_baseline_files_place_fails_before_measuring_and_names_the_file()
    {
        string path = Path.Combine(_directory, "BaselineStoreTests.chain.perf.json");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<InvalidOperationException>(() => PerfAssert.NoRegression("chain", NeverMeasured, Options()));

        Assert.Equal($"Cannot use the baseline '{path}': that path is a folder, not a file. Remove or rename the folder, or choose another key.", error.Message);
    }

    [Fact]
    public void A_folder_that_takes_no_new_file_fails_before_measuring_and_says_what_to_do()
    {
        // /proc refuses new files even to root (the tests may run as root, where permission bits do not stop a write).
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => PerfAssert.NoRegression("chain", NeverMeasured, Options() with { Directory = "/proc" }));

        Assert.StartsWith("Cannot write the baseline '/proc/BaselineStoreTests.chain.perf.json': ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Make '/proc' writable, or set BaselineOptions.Directory to a writable folder. Nothing was measured.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_ten_times_slower_than_every_recorded_run_fails_saying_what_was_compared_and_the_spread_allowed()
    {
        var recorded = RecordComplete("chain");
        Rewrite(recorded.FilePath, json => Scale(json, 0.1));

        var failure = Assert.Throws<PerformanceAssertionException>(() => PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options()));

        Assert.StartsWith("Expected 'chain' not to be slower than its stored baseline, but this run is +", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"against the 5 runs of the baseline '{recorded.FilePath}' recorded ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("this run against 5 recorded runs, whose figures spread by ±", failure.Message, StringComparison.Ordinal);
        Assert.Contains("prediction interval of a new run of unchanged code is ±", failure.Message, StringComparison.Ordinal);
        Assert.Contains("record the baseline again with MERIDIAN_PERF_ACCEPT=1", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Verdict.Slower, failure.Comparison!.Verdict);
        Assert.Equal(ComparisonMethod.StoredRuns, failure.Comparison.Method);
    }

    [Fact]
    public void A_body_ten_times_faster_than_its_baseline_passes_as_faster()
    {
        var recorded = RecordComplete("chain");
        Rewrite(recorded.FilePath, json => Scale(json, 10));

        var check = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());

        Assert.Equal(Verdict.Faster, check.Verdict);
        Assert.True(check.Comparison!.Change < -0.5, check.Comparison.ToString());
    }

    [Fact]
    public void More_bytes_per_operation_fail_on_the_first_comparison_even_on_another_machine()
    {
        var recorded = PerfAssert.NoRegression("alloc", static () => BlackBox.Consume(new object()), Options());
        Rewrite(recorded.FilePath, static json =>
        {
            json["allocatedBytesPerOperation"] = 0;
            json["machine"]!["cpuModel"] = "Imaginary CPU @ 9.99GHz";
        });

        var failure = Assert.Throws<PerformanceAssertionException>(() => PerfAssert.NoRegression("alloc", static () => BlackBox.Consume(new object()), Options()));

        Assert.StartsWith($"Expected 'alloc' to allocate no more than its stored baseline, but it allocates 24 B per operation against 0 B recorded in '{recorded.FilePath}' (+24 B per operation; exact count", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_change_turns_the_allocation_check_into_a_note()
    {
        var recorded = PerfAssert.NoRegression("alloc", static () => BlackBox.Consume(new object()), Options());
        Rewrite(recorded.FilePath, static json =>
        {
            json["allocatedBytesPerOperation"] = 0;
            json["machine"]!["runtime"] = ".NET 9.0.0";
        });

        var check = PerfAssert.NoRegression("alloc", static () => BlackBox.Consume(new object()), Options());

        Assert.Equal(BaselineOutcome.MachineMismatch, check.Outcome);
        Assert.Contains("Allocations not compared: 24 B/op now against 0 B/op recorded under .NET 9.0.0", check.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_starts_the_baseline_again_over_the_old_file()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        File.WriteAllText(recorded.FilePath, "{ not json");

        var accepted = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options() with { Accept = true });

        Assert.Equal(BaselineOutcome.Accepted, accepted.Outcome);
        Assert.Single(BaselineStore.Read(accepted.FilePath, "chain").Runs);
        Assert.Contains("started again from this run (MERIDIAN_PERF_ACCEPT is set)", _notes[^1], StringComparison.Ordinal);
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
        var recorded = RecordComplete("chain");
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
        Assert.Contains("Allocations: 0 B/op, as recorded (exact).", check.Note, StringComparison.Ordinal);
        Assert.Contains("Record a baseline for this machine with MERIDIAN_PERF_ACCEPT=1", check.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_schema_one_file_still_loads_as_one_run_whose_spread_is_unknown()
    {
        string path = Path.Combine(_directory, "BaselineStoreTests.chain.perf.json");
        var fingerprint = System.Text.Json.JsonSerializer.SerializeToNode(MachineFingerprint.Current, new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase })!;
        var legacy = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["key"] = "chain",
            ["recordedUtc"] = "2026-11-25T10:00:00+00:00",
            ["machine"] = fingerprint,
            ["unit"] = "ns/op",
            ["operationsPerBatch"] = 1000,
            ["allocatedBytesPerOperation"] = 0,
            ["summary"] = new JsonObject { ["mean"] = 500.0 },
            ["samples"] = new JsonArray(500.0, 510.0, 490.0, 505.0, 495.0, 500.0),
        };
        File.WriteAllText(path, legacy.ToJsonString());

        var file = BaselineStore.Read(path, "chain");

        var run = Assert.Single(file.Runs);
        Assert.Equal(6, run.Batches);
        Assert.Equal(1000, run.OperationsPerBatch);
        Assert.InRange(run.Nanoseconds, 490, 510);
        var estimate = RunLevelDecision.Decide(file.Runs, run with { Nanoseconds = 520, Replicates = [520, 515, 525, 520, 518] }, BaselineOptions.Default.Verdict);
        Assert.Equal(Verdict.Inconclusive, estimate.Verdict);
        Assert.StartsWith("1 recorded run: too few to estimate how much whole runs of this body vary on this machine", estimate.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_from_a_newer_version_names_its_schema_and_what_to_do()
    {
        string path = Path.Combine(_directory, "BaselineStoreTests.chain.perf.json");
        File.WriteAllText(path, """{ "schemaVersion": 3, "key": "chain", "measurements": { "shape": "new" } }""");

        var error = Assert.Throws<InvalidDataException>(() => PerfAssert.NoRegression("chain", NeverMeasured, Options()));

        Assert.Equal($"The stored timing baseline '{path}' was written by a newer Meridian.Perf: its schemaVersion is 3, and this version reads 1 to 2. Update the Meridian.Perf package, or record the baseline again with MERIDIAN_PERF_ACCEPT=1 (which replaces it in this version's format).", error.Message);
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": 2, ", "it is not a valid baseline document: ")]
    [InlineData("null", "it holds the JSON literal null instead of a baseline document")]
    [InlineData("[1, 2]", "it is not a baseline document: there is no integer schemaVersion at its top level")]
    [InlineData("{ \"schemaVersion\": 2 }", "it is not a valid baseline document: JSON deserialization for type 'Meridian.Perf.BaselineFile' was missing required properties")]
    public void A_corrupt_file_is_an_error_naming_the_file_and_the_problem(string content, string problem)
    {
        string path = Path.Combine(_directory, "BaselineStoreTests.chain.perf.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => PerfAssert.NoRegression("chain", NeverMeasured, Options()));

        Assert.StartsWith($"The stored timing baseline '{path}' cannot be used: {problem}", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Fix or delete the file, or record it again with MERIDIAN_PERF_ACCEPT=1.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nanoseconds", 1e-300, "run 0's nanoseconds is 1E-300; a time per operation must lie between 0.001 and 1e13 ns/op")]
    [InlineData("nanoseconds", -1.5, "run 0's nanoseconds is -1.5; a time per operation must lie between")]
    [InlineData("replicate", 1e300, "run 0's replicate 3 is 1E+300; a time per operation must lie between")]
    [InlineData("bytes", -24, "allocatedBytesPerOperation is -24; it must lie between 0 and 1e12")]
    public void Values_outside_physical_bounds_are_rejected_as_corrupt(string field, double value, string problem)
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        Rewrite(recorded.FilePath, json =>
        {
            switch (field)
            {
                case "nanoseconds": json["runs"]![0]!["nanoseconds"] = value; break;
                case "replicate": json["runs"]![0]!["replicates"]![3] = value; break;
                default: json["allocatedBytesPerOperation"] = value; break;
            }
        });

        var error = Assert.Throws<InvalidDataException>(() => BaselineStore.Read(recorded.FilePath, "chain"));

        Assert.Contains($"cannot be used: {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_interrupted_before_the_rename_leaves_the_old_file_whole_and_no_temporary_file()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        string before = File.ReadAllText(recorded.FilePath);
        var replacement = BaselineStore.Read(recorded.FilePath, "chain") with { AllocatedBytesPerOperation = 1 };
        string? temporary = null;

        Assert.Throws<IOException>(() => BaselineStore.Commit(recorded.FilePath, before, replacement, beforeReplace: path =>
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
    public void Temporary_files_left_by_a_killed_writer_are_ignored_by_readers_and_removed_by_the_next_writer()
    {
        var recorded = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());
        string leftover = recorded.FilePath + ".0123456789abcdef0123456789abcdef.tmp";
        File.WriteAllText(leftover, "{ \"schemaVersion\": 2, \"half-written");
        string unrelated = Path.Combine(_directory, "Other.chain.perf.json.0123.tmp");
        File.WriteAllText(unrelated, "not ours");

        Assert.Single(BaselineStore.Read(recorded.FilePath, "chain").Runs);
        var second = PerfAssert.NoRegression("chain", static () => Workloads.Chain(300), Options());

        Assert.True(second.RunAdded);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void Of_eight_concurrent_recorders_of_one_key_exactly_one_writes_and_the_others_are_told()
    {
        string path = Path.Combine(_directory, "BaselineStoreTests.race.perf.json");
        var file = new BaselineFile
        {
            SchemaVersion = 2,
            Key = "race",
            Machine = MachineFingerprint.Current,
            AllocatedBytesPerOperation = 0,
            Runs = [new BaselineRun { RecordedUtc = DateTimeOffset.UnixEpoch, Nanoseconds = 100, Replicates = [100], Batches = 5, OperationsPerBatch = 1 }],
        };
        using var start = new Barrier(8);

        bool[] won = Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return BaselineStore.Commit(path, expected: null, file with { AllocatedBytesPerOperation = i });
        }))).GetAwaiter().GetResult();

        Assert.Equal(1, won.Count(static w => w));
        Assert.Equal(Array.IndexOf(won, true), BaselineStore.Read(path, "race").AllocatedBytesPerOperation);
        Assert.Empty(BaselineStore.Leftovers(path));
    }

    [Fact]
    public void A_recorder_that_lost_the_race_says_so_and_leaves_the_winners_file()
    {
        string path = Path.Combine(_directory, "BaselineStoreTests.chain.perf.json");
        string? winner = null;

        // Another process records the baseline while this one measures: simulated from inside the body's first call.
        var check = PerfAssert.NoRegression("chain", () =>
        {
            if (winner is null)
            {
                winner = "{}";
                File.WriteAllText(path, winner);
            }

            Workloads.Chain(300);
        }, Options());

        Assert.Equal(BaselineOutcome.NotRecorded, check.Outcome);
        Assert.False(check.RunAdded);
        Assert.StartsWith($"Meridian.Perf: baseline 'chain' was not recorded: another process wrote '{path}' while this one was measuring, and the first writer wins.", check.Note, StringComparison.Ordinal);
        Assert.Equal(winner, File.ReadAllText(path));
    }

    [Fact]
    public void Keys_that_cannot_name_a_file_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => PerfAssert.NoRegression("../escape", static () => { }, Options()));

        Assert.Contains("The baseline key '../escape' cannot name a file", error.Message, StringComparison.Ordinal);
    }

    private static void NeverMeasured() => throw new InvalidOperationException("The body must not run: the error is found before measuring.");

    /// <summary>Records one run, then writes the file as five runs spread by about ±2 % around it, as a complete recording would look.</summary>
    private BaselineCheck RecordComplete(string key)
    {
        var recorded = PerfAssert.NoRegression(key, static () => Workloads.Chain(300), Options());
        Rewrite(recorded.FilePath, static json =>
        {
            var runs = json["runs"]!.AsArray();
            var first = runs[0]!;
            foreach (double factor in new[] { 1.02, 0.98, 1.01, 0.99 })
            {
                var copy = first.DeepClone();
                copy["nanoseconds"] = (double)first["nanoseconds"]! * factor;
                var replicates = copy["replicates"]!.AsArray();
                for (int i = 0; i < replicates.Count; i++)
                {
                    replicates[i] = (double)replicates[i]! * factor;
                }

                runs.Add(copy);
            }
        });
        return recorded;
    }

    private static void Scale(JsonNode json, double factor)
    {
        foreach (var run in json["runs"]!.AsArray())
        {
            run!["nanoseconds"] = (double)run["nanoseconds"]! * factor;
            var replicates = run["replicates"]!.AsArray();
            for (int i = 0; i < replicates.Count; i++)
            {
                replicates[i] = (double)replicates[i]! * factor;
            }
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
