using Meridian.Perf.Statistics;

namespace Meridian.Perf.Results;

/// <summary>Builds results records from the library's result objects.</summary>
internal static class ResultRecords
{
    private static readonly Lazy<CiRecord?> Ci = new(() => CiEnvironment.Detect(Environment.GetEnvironmentVariable));

    public static ResultRecord Bench(string name, BenchResult run, ResultLabel? label, RecordContext context) => new()
    {
        Kind = "bench",
        Name = name,
        Time = Time(run.Summary, run.OperationsPerBatch),
        BytesPerOperation = run.AllocatedBytesPerOperation,
        Throughput = Throughput(run.Summary, label),
        Notes = Notes(run.Warnings),
        RecordedUtc = DateTimeOffset.UtcNow,
        Machine = MachineFingerprint.Current,
        Mode = Mode(run.Mode),
        Ci = Ci.Value,
        Process = Process(context),
    };

    public static ResultRecord Compare(string name, Comparison comparison, ResultLabel? label, RecordContext context) => new()
    {
        Kind = "compare",
        Name = name,
        Time = Time(comparison.Candidate, 0),
        BaselineTime = Time(comparison.Baseline, 0),
        BytesPerOperation = comparison.CandidateAllocatedBytesPerOperation,
        BaselineBytesPerOperation = comparison.BaselineAllocatedBytesPerOperation,
        Throughput = Throughput(comparison.Candidate, label),
        Verdict = Verdict(comparison),
        Notes = Notes(comparison.Notes),
        RecordedUtc = DateTimeOffset.UtcNow,
        Machine = MachineFingerprint.Current,
        Mode = Mode(MeasurementMode.Current),
        Ci = Ci.Value,
        Process = Process(context),
    };

    public static ResultRecord Baseline(string name, PendingBaseline pending, BenchResult run, ResultLabel? label, RecordContext context)
    {
        var check = pending.Check;
        string key = pending.Key;
        var comparison = pending.Failure ?? check?.Comparison;
        // No check and no failure: the check threw something else after measuring (a baseline file it could not write).
        string outcome = pending.Failed ? "Failed" : check?.Outcome.ToString() ?? "Error";
        var notes = new List<string>();
        if (check is { Outcome: BaselineOutcome.MachineMismatch })
        {
            notes.Add(check.Note);
        }

        notes.AddRange(run.Warnings);
        return new ResultRecord
        {
            Kind = "baseline",
            Name = name,
            Key = key,
            Outcome = outcome,
            Time = Time(run.Summary, run.OperationsPerBatch),
            BaselineTime = comparison is null ? null : Time(comparison.Baseline, 0),
            BytesPerOperation = run.AllocatedBytesPerOperation,
            BaselineBytesPerOperation = comparison?.BaselineAllocatedBytesPerOperation,
            Throughput = Throughput(run.Summary, label),
            Verdict = comparison is null
                ? check is { Outcome: BaselineOutcome.MachineMismatch } ? new VerdictRecord { Verdict = nameof(Perf.Verdict.Inconclusive), Reason = "recorded on another machine or runtime: not compared" } : null
                : Verdict(comparison),
            Notes = notes.Count == 0 ? null : notes,
            RecordedUtc = DateTimeOffset.UtcNow,
            Machine = MachineFingerprint.Current,
            Mode = Mode(run.Mode),
            Ci = Ci.Value,
            Process = Process(context),
        };
    }

    public static ResultRecord Allocations(string kind, string name, AllocationReport report, long? budget, RecordContext context) => new()
    {
        Kind = kind,
        Name = name,
        BytesPerOperation = report.BytesPerCall,
        Allocations = new AllocationRecord
        {
            BytesPerCall = report.BytesPerCall,
            BudgetBytesPerCall = budget,
            Passed = budget is { } limit ? report.BytesPerCall is { } bytes && bytes <= limit : null,
            WindowBytes = [.. report.WindowBytes],
            CallsPerWindow = report.Options.CallsPerWindow,
            WarmupCalls = report.Options.WarmupCalls,
            RegionsOnly = report.MeasuredRegionsOnly,
            Async = report.IsAsync,
            UnreliableReason = report.UnreliableReason,
        },
        RecordedUtc = DateTimeOffset.UtcNow,
        Machine = MachineFingerprint.Current,
        Mode = Mode(report.Mode),
        Ci = Ci.Value,
        Process = Process(context),
    };

    private static TimeRecord Time(SampleSummary summary, long operationsPerBatch) => new()
    {
        Mean = summary.Mean,
        Median = summary.Median,
        StandardDeviation = summary.StandardDeviation,
        Lower = Finite(summary.MeanConfidenceInterval.Lower),
        Upper = Finite(summary.MeanConfidenceInterval.Upper),
        Level = summary.MeanConfidenceInterval.Level,
        Samples = summary.Count,
        OperationsPerBatch = operationsPerBatch,
        Values = [.. summary.Values],
    };

    private static ThroughputRecord? Throughput(SampleSummary summary, ResultLabel? label)
    {
        if (label is not { UnitsPerOperation: > 0 } work || summary.Mean <= 0)
        {
            return null;
        }

        double PerSecond(double nanoseconds) => work.UnitsPerOperation * 1e9 / nanoseconds;
        var interval = summary.MeanConfidenceInterval;
        return new ThroughputRecord
        {
            Value = PerSecond(summary.Mean),
            Lower = double.IsFinite(interval.Upper) ? PerSecond(interval.Upper) : null,
            Upper = double.IsFinite(interval.Lower) && interval.Lower > 0 ? PerSecond(interval.Lower) : null,
            Unit = (work.Unit ?? "operations") + "/s",
        };
    }

    private static VerdictRecord Verdict(Comparison comparison) => new()
    {
        Verdict = comparison.Verdict.ToString(),
        Change = comparison.Change,
        Lower = Finite(comparison.ChangeInterval.Lower),
        Upper = Finite(comparison.ChangeInterval.Upper),
        Level = comparison.ChangeInterval.Level,
        PValue = comparison.PValue,
        Alpha = comparison.Alpha,
        NoiseThreshold = comparison.NoiseThreshold,
        Method = comparison.Analysis,
        Reason = comparison.Reason,
    };

    private static ModeRecord Mode(MeasurementMode mode) => new()
    {
        OptimizedFromFirstCall = mode.OptimizedFromFirstCall,
        ConcurrentGc = mode.ConcurrentGc,
        ServerGc = mode.ServerGc,
        Description = mode.ToString(),
    };

    private static ProcessRecord Process(RecordContext context) => new()
    {
        Id = Environment.ProcessId,
        Run = context.Run,
        Sequence = context.Sequence,
    };

    private static IReadOnlyList<string>? Notes(IReadOnlyList<string> notes) => notes.Count == 0 ? null : notes;

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
