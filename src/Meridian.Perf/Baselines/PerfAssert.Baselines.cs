using System.Globalization;
using System.Runtime.CompilerServices;
using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <content>Assertions against stored baselines.</content>
public static partial class PerfAssert
{
    /// <summary>
    /// Asserts that <paramref name="body"/> is not slower than its stored baseline and allocates no more bytes per
    /// operation: a JSON file named after the calling source file and <paramref name="key"/>, beside it. The baseline
    /// is recorded over the first <see cref="BaselineOptions.Runs"/> runs of the test (each run is a process; the run,
    /// not the batch, is the unit of replication), and each run is judged against the spread between the recorded runs.
    /// <c>MERIDIAN_PERF_ACCEPT=1</c> starts it again. A baseline from another machine gives an inconclusive time, never
    /// a failure; bytes per operation are exact and checked on any machine with the same runtime.
    /// </summary>
    /// <param name="key">The baseline's name: letters, digits, '.', '-' or '_'; unique within the source file.</param>
    /// <param name="body">The code to time; called many times.</param>
    /// <param name="options">Sampling, verdict and storage settings; <see cref="BaselineOptions.Default"/> when null.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling source file.</param>
    /// <returns>What was done and, when compared, the comparison.</returns>
    /// <exception cref="PerformanceAssertionException">The body is slower than the baseline, or allocates more per operation (or the time is inconclusive, when configured to fail).</exception>
    /// <exception cref="InvalidDataException">The baseline file is corrupt or from a newer version; the message names it and says what to do.</exception>
    /// <exception cref="InvalidOperationException">The baseline cannot be stored (missing or unwritable folder, a folder in the file's place); raised before anything is measured.</exception>
    public static BaselineCheck NoRegression(string key, Action body, BaselineOptions? options = null, [CallerFilePath] string sourceFile = "")
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(body);
        options ??= BaselineOptions.Default;
        using var results = Results.ResultsSink.BeginBaselineCheck(key);
        string path = BaselineStore.PathFor(key, sourceFile, options.Directory);
        bool accept = options.Accept ?? BaselineStore.AcceptRequested(Environment.GetEnvironmentVariable);
        string? snapshot = BaselineStore.Snapshot(path);
        var stored = accept || snapshot is null ? null : BaselineStore.Parse(snapshot, path, key);
        var machine = MachineFingerprint.Current;
        bool sameMachine = stored is not null && machine.DifferencesFrom(stored.Machine).Count == 0;
        if (stored is null || (sameMachine && stored.Runs.Length < options.Runs))
        {
            BaselineStore.EnsureWritable(path);
        }

        var run = Bench.Run(body, options.Bench);
        var thisRun = BaselineRun.Of(run, DateTimeOffset.UtcNow);
        return stored is null
            ? Record(key, path, snapshot, accept, run, thisRun, machine, options)
            : Check(key, path, snapshot, stored, run, thisRun, machine, options);
    }

    private static BaselineCheck Record(string key, string path, string? snapshot, bool accept, BenchResult run, BaselineRun thisRun, MachineFingerprint machine, BaselineOptions options)
    {
        var file = new BaselineFile
        {
            SchemaVersion = BaselineFile.CurrentSchemaVersion,
            Key = key,
            Machine = machine,
            AllocatedBytesPerOperation = run.AllocatedBytesPerOperation,
            Runs = [thisRun],
        };
        if (!BaselineStore.Commit(path, snapshot, file))
        {
            return LostRace(key, path, run, options);
        }

        string more = options.Runs > 1
            ? $" The next {options.Runs - 1} run{(options.Runs == 2 ? string.Empty : "s")} of this test (each a new process) complete it; until {RunLevelDecision.MinimumRunsForSpread} runs are in, only a change beyond a factor of {RunLevelDecision.UnknownSpreadFactor:0.##} is decided."
            : string.Empty;
        string note = accept
            ? $"Meridian.Perf: baseline '{key}' started again from this run ({BaselineStore.AcceptVariable} is set): {Describe(run)} → {path}.{more}"
            : $"Meridian.Perf: no baseline '{key}' yet; this run was recorded as run 1 of {options.Runs}: {Describe(run)} → {path}.{more} Commit the file once it is complete.";
        Note(options.Log, note);
        return new BaselineCheck(accept ? BaselineOutcome.Accepted : BaselineOutcome.Recorded, key, path, run, null, note, recordedRuns: 1, runAdded: true);
    }

    private static BaselineCheck Check(string key, string path, string? snapshot, BaselineFile stored, BenchResult run, BaselineRun thisRun, MachineFingerprint machine, BaselineOptions options)
    {
        string? allocationFailure = AllocationFailure(key, path, stored, run, machine, out string allocationNote);
        var differences = machine.DifferencesFrom(stored.Machine);
        if (differences.Count > 0)
        {
            if (allocationFailure is not null)
            {
                throw new PerformanceAssertionException(allocationFailure);
            }

            string note = $"Meridian.Perf: Inconclusive: the baseline '{path}' was recorded on a different machine or runtime ({string.Join("; ", differences)}), so the time was not compared. {allocationNote} " +
                $"This run: {Describe(run)}. Record a baseline for this machine with {BaselineStore.AcceptVariable}=1.";
            Note(options.Log, note);
            return new BaselineCheck(BaselineOutcome.MachineMismatch, key, path, run, null, note, stored.Runs.Length);
        }

        var comparison = CompareWithStored(stored, run, thisRun, path, options);
        if (comparison.Verdict == Verdict.Slower || allocationFailure is not null)
        {
            var parts = new List<string>();
            if (comparison.Verdict == Verdict.Slower)
            {
                parts.Add($"Expected '{key}' not to be slower than its stored baseline, but this run is {TimeText.Percent(comparison.Change)} slower.\n{comparison}");
            }

            if (allocationFailure is not null)
            {
                parts.Add(allocationFailure);
            }

            parts.Add($"What to do: profile the change since the baseline was recorded; if the change is intended, record the baseline again with {BaselineStore.AcceptVariable}=1.");
            throw new PerformanceAssertionException(string.Join("\n", parts), comparison);
        }

        bool adding = stored.Runs.Length < options.Runs && comparison.Verdict != Verdict.Faster && run.Settled;
        bool added = false;
        string addition = string.Empty;
        if (stored.Runs.Length < options.Runs && comparison.Verdict != Verdict.Faster && !run.Settled)
        {
            addition = " This run was not added to the baseline: its measurement did not settle (see the notes), so it would widen the spread between runs.";
        }
        else if (adding)
        {
            var grown = stored with { Runs = [.. stored.Runs, thisRun] };
            added = BaselineStore.Commit(path, snapshot, grown);
            addition = added
                ? $" This run was added to the baseline (run {grown.Runs.Length} of {options.Runs})."
                : " This run was not added: another process changed the baseline file while this one was measuring (the first writer wins).";
        }
        else if (stored.Runs.Length < options.Runs)
        {
            addition = $" This run was not added to the baseline: it was decided {comparison.Verdict}, so it does not describe the recorded code.";
        }

        string verdictNote = $"Meridian.Perf: baseline '{key}': {comparison.Verdict}: {comparison.Reason}{addition} {allocationNote}";
        if (comparison.Verdict == Verdict.Inconclusive && options.FailOnInconclusive)
        {
            throw new PerformanceAssertionException($"Inconclusive comparison of '{key}' with its stored baseline; {comparison.Reason}\n{comparison}\n(The test fails because BaselineOptions.FailOnInconclusive is set.)", comparison);
        }

        Note(options.Log, comparison.Verdict == Verdict.Inconclusive
            ? verdictNote + "\n" + comparison + "\n(Not a failure: set BaselineOptions.FailOnInconclusive to make it one.)"
            : verdictNote);
        return new BaselineCheck(BaselineOutcome.Compared, key, path, run, comparison, verdictNote, stored.Runs.Length + (added ? 1 : 0), added);
    }

    /// <summary>Bytes per operation are exact: any increase on the same runtime is a regression, on any machine.</summary>
    private static string? AllocationFailure(string key, string path, BaselineFile stored, BenchResult run, MachineFingerprint machine, out string note)
    {
        double recorded = stored.AllocatedBytesPerOperation;
        double now = run.AllocatedBytesPerOperation;
        if (!string.Equals(stored.Machine.Runtime, machine.Runtime, StringComparison.Ordinal) || !string.Equals(stored.Machine.CodeGeneration, machine.CodeGeneration, StringComparison.Ordinal))
        {
            note = $"Allocations not compared: {ByteText.Format(now)}/op now against {ByteText.Format(recorded)}/op recorded under {stored.Machine.Runtime} ({stored.Machine.CodeGeneration}); the runtime or its code generation changed (now {machine.Runtime}, {machine.CodeGeneration}), and allocations may change with it. Record again with {BaselineStore.AcceptVariable}=1 to check them on this runtime.";
            return null;
        }

        // Fractions below half a byte per operation come from lazily built caches hit once in many calls, not from the body's code.
        if (now - recorded >= 0.5)
        {
            note = string.Empty;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"Expected '{key}' to allocate no more than its stored baseline, but it allocates {ByteText.Format(now)} per operation against {ByteText.Format(recorded)} recorded in '{path}' (+{ByteText.Format(now - recorded)} per operation; exact count on the measuring thread over {run.TotalOperations} operations, the same runtime {machine.Runtime}). Allocations do not vary between runs or machines: this is a regression wherever it runs.");
        }

        note = recorded - now >= 0.5
            ? $"Allocations fell to {ByteText.Format(now)}/op from {ByteText.Format(recorded)}/op recorded: record again with {BaselineStore.AcceptVariable}=1 to keep the gain."
            : $"Allocations: {ByteText.Format(now)}/op, as recorded (exact).";
        return null;
    }

    internal static Comparison CompareWithStored(BaselineFile stored, BenchResult run, BaselineRun thisRun, string path, BaselineOptions options)
    {
        var decision = RunLevelDecision.Decide(stored.Runs, thisRun, options.Verdict);
        var first = stored.Runs.Min(static r => r.RecordedUtc);
        var last = stored.Runs.Max(static r => r.RecordedUtc);
        string from = first.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string to = last.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        string when = from == to ? from : $"{from} to {to}";
        string design = string.Create(
            CultureInfo.InvariantCulture,
            $"this run ({run.Samples} batches × {run.OperationsPerBatch} operations after {run.WarmupDescription}; its figure {TimeText.Nanoseconds(thisRun.Nanoseconds)}, the geometric mean of the fastest batch of each of {thisRun.Replicates.Length} consecutive parts) against the {stored.Runs.Length} run{(stored.Runs.Length == 1 ? string.Empty : "s")} of the baseline '{path}' recorded {when} UTC on this machine (figures {string.Join(", ", stored.Runs.Select(static r => TimeText.Nanoseconds(r.Nanoseconds)))})");
        var notes = new List<string>(run.Warnings);
        return new Comparison(
            SampleSummary.Of(stored.Runs.Select(static r => r.Nanoseconds)),
            SampleSummary.Of(thisRun.Replicates),
            decision.ToEstimate(),
            options.Verdict.Alpha,
            options.Verdict.NoiseThreshold,
            stored.AllocatedBytesPerOperation,
            run.AllocatedBytesPerOperation,
            design,
            decision.Rule,
            notes,
            ComparisonMethod.StoredRuns,
            run.Settled);
    }

    private static BaselineCheck LostRace(string key, string path, BenchResult run, BaselineOptions options)
    {
        string note = $"Meridian.Perf: baseline '{key}' was not recorded: another process wrote '{path}' while this one was measuring, and the first writer wins. This run ({Describe(run)}) was neither recorded nor compared; run the test again to compare with it.";
        Note(options.Log, note);
        return new BaselineCheck(BaselineOutcome.NotRecorded, key, path, run, null, note);
    }

    private static string Describe(BenchResult run) => string.Create(
        CultureInfo.InvariantCulture,
        $"median {TimeText.Nanoseconds(run.MedianNanoseconds)} of {run.Samples} batches, {ByteText.Format(run.AllocatedBytesPerOperation)}/op{(run.Settled ? string.Empty : " (not settled: " + string.Join(" ", run.Warnings) + ")")}");
}
