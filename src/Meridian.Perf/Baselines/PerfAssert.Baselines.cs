using System.Globalization;
using System.Runtime.CompilerServices;
using Meridian.Perf.Statistics;

namespace Meridian.Perf;

/// <content>Assertions against stored baselines.</content>
public static partial class PerfAssert
{
    /// <summary>
    /// Asserts that <paramref name="body"/> is not slower than its stored baseline: a JSON file named after the
    /// calling source file and <paramref name="key"/>, beside it. The first run records the baseline and passes with
    /// a note; <c>MERIDIAN_PERF_ACCEPT=1</c> records it again. A baseline from another machine or runtime gives an
    /// inconclusive result with the reason, never a failure.
    /// </summary>
    /// <param name="key">The baseline's name: letters, digits, '.', '-' or '_'; unique within the source file.</param>
    /// <param name="body">The code to time; called many times.</param>
    /// <param name="options">Sampling, threshold and storage settings; <see cref="BaselineOptions.Default"/> when null.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling source file.</param>
    /// <returns>What was done and, when compared, the comparison.</returns>
    /// <exception cref="PerformanceAssertionException">The body is slower than the baseline (or inconclusive, when configured to fail).</exception>
    /// <exception cref="InvalidDataException">The baseline file is corrupt; the message names it and says what is wrong.</exception>
    public static BaselineCheck NoRegression(string key, Action body, BaselineOptions? options = null, [CallerFilePath] string sourceFile = "")
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(body);
        options ??= BaselineOptions.Default;
        using var results = Results.ResultsSink.BeginBaselineCheck(key);
        string path = BaselineStore.PathFor(key, sourceFile, options.Directory);
        bool accept = options.Accept ?? BaselineStore.AcceptRequested(Environment.GetEnvironmentVariable);
        var stored = !accept && File.Exists(path) ? BaselineStore.Read(path, key) : null;
        var machine = MachineFingerprint.Current;
        var run = Bench.Run(body, options.Bench);
        if (stored is null)
        {
            BaselineStore.Write(path, Record(key, run, machine));
            var outcome = accept ? BaselineOutcome.Accepted : BaselineOutcome.Recorded;
            string note = accept
                ? $"Meridian.Perf: baseline '{key}' recorded again ({BaselineStore.AcceptVariable} is set): {Describe(run)} → {path}"
                : $"Meridian.Perf: no baseline '{key}' yet; this run was recorded: {Describe(run)} → {path}. Commit the file; later runs are compared with it.";
            Log(options, note);
            return new BaselineCheck(outcome, key, path, run, null, note);
        }

        var differences = machine.DifferencesFrom(stored.Machine);
        if (differences.Count > 0)
        {
            string note = $"Meridian.Perf: Inconclusive: the baseline '{path}' was recorded on a different machine or runtime ({string.Join("; ", differences)}), so it was not compared. " +
                $"This run: {Describe(run)}. Record a baseline for this machine with {BaselineStore.AcceptVariable}=1.";
            Log(options, note);
            return new BaselineCheck(BaselineOutcome.MachineMismatch, key, path, run, null, note);
        }

        var comparison = CompareWithStored(stored, run, path, options);
        string verdictNote = $"Meridian.Perf: baseline '{key}': {comparison.Verdict}: {comparison.Reason}";
        switch (comparison.Verdict)
        {
            case Verdict.Slower:
                throw new PerformanceAssertionException(
                    $"Expected '{key}' not to be slower than its stored baseline, but it is {TimeText.Percent(comparison.Change)} slower.\n{comparison}\n" +
                    $"What to do: profile the change since the baseline was recorded; if the slowdown is intended, record the baseline again with {BaselineStore.AcceptVariable}=1.",
                    comparison);
            case Verdict.Inconclusive when options.FailOnInconclusive:
                throw new PerformanceAssertionException($"Inconclusive comparison of '{key}' with its stored baseline; {comparison.Reason}\n{comparison}\n(The test fails because BaselineOptions.FailOnInconclusive is set.)", comparison);
            case Verdict.Inconclusive:
                Log(options, verdictNote + "\n" + comparison + "\n(Not a failure: set BaselineOptions.FailOnInconclusive to make it one.)");
                break;
        }

        return new BaselineCheck(BaselineOutcome.Compared, key, path, run, comparison, verdictNote);
    }

    internal static Comparison CompareWithStored(BaselineFile stored, BenchResult run, string path, BaselineOptions options)
    {
        double[] current = run.Summary.Values.ToArray();
        var estimate = ChangeEstimate.Analyze(stored.Samples, current, ComparisonMethod.Welch, options.Trim, options.Alpha, options.NoiseThreshold);
        string design = string.Create(
            CultureInfo.InvariantCulture,
            $"this run ({run.Samples} samples × {run.OperationsPerBatch} operations, {run.WarmupDescription}) against the baseline '{path}' recorded {stored.RecordedUtc:yyyy-MM-dd HH:mm} UTC on this machine ({stored.Samples.Length} samples × {stored.OperationsPerBatch} operations)");
        string analysis = string.Create(
            CultureInfo.InvariantCulture,
            $"{Comparison.MethodText(ComparisonMethod.Welch, options.Trim)}; runs differ in ways that interleaving would cancel, hence the ±{options.NoiseThreshold * 100:0.##} % threshold");
        return new Comparison(
            SampleSummary.Of(stored.Samples),
            run.Summary,
            estimate,
            options.Alpha,
            options.NoiseThreshold,
            stored.AllocatedBytesPerOperation,
            run.AllocatedBytesPerOperation,
            design,
            analysis,
            run.Warnings);
    }

    private static BaselineFile Record(string key, BenchResult run, MachineFingerprint machine) => new()
    {
        SchemaVersion = BaselineFile.CurrentSchemaVersion,
        Key = key,
        RecordedUtc = DateTimeOffset.UtcNow,
        Machine = machine,
        OperationsPerBatch = run.OperationsPerBatch,
        AllocatedBytesPerOperation = run.AllocatedBytesPerOperation,
        Summary = new BaselineSummary(run.Summary.Mean, run.Summary.Median, run.Summary.StandardDeviation, run.Summary.MeanConfidenceInterval.Lower, run.Summary.MeanConfidenceInterval.Upper, run.Summary.Outliers.Total),
        Samples = run.Summary.Values.ToArray(),
    };

    private static string Describe(BenchResult run) => string.Create(
        CultureInfo.InvariantCulture,
        $"mean {TimeText.Nanoseconds(run.MeanNanoseconds)} [{TimeText.Nanoseconds(run.Summary.MeanConfidenceInterval.Lower)} {TimeText.Nanoseconds(run.Summary.MeanConfidenceInterval.Upper)}], {ByteText.Format(run.AllocatedBytesPerOperation)}/op, {run.Samples} samples");

    private static void Log(BaselineOptions options, string message)
    {
        if (options.Log is { } log)
        {
            log(message);
        }
        else
        {
            Console.Out.WriteLine(message);
        }
    }
}
