namespace Meridian.Perf.Tool.Input;

/// <summary>
/// What one run (one process: a test process writing a results file, or one BenchmarkDotNet launch) measured for one
/// benchmark. Times are nanoseconds per operation.
/// </summary>
internal sealed record RunMeasurement
{
    /// <summary>Gets the run's identity (a results file's run id, or the BenchmarkDotNet launch).</summary>
    public required string Run { get; init; }

    /// <summary>Gets the kind of record, e.g. <c>bench</c>, <c>zero-alloc</c> or <c>benchmarkdotnet</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the mean time per operation; null when the run measured no time.</summary>
    public double? MeanNanoseconds { get; init; }

    /// <summary>Gets the median of the run's batches: the run's value when runs are the replicates (another process only ever adds time, so the median resists preemption better than the mean).</summary>
    public double? MedianNanoseconds { get; init; }

    /// <summary>Gets the lower bound of the interval of the mean.</summary>
    public double? LowerNanoseconds { get; init; }

    /// <summary>Gets the upper bound of the interval of the mean.</summary>
    public double? UpperNanoseconds { get; init; }

    /// <summary>Gets each batch's (iteration's) time per operation.</summary>
    public IReadOnlyList<double> BatchNanoseconds { get; init; } = [];

    /// <summary>Gets the exact bytes allocated per operation; null when not measured or unreliable.</summary>
    public double? BytesPerOperation { get; init; }

    /// <summary>Gets the throughput, when the test gave a unit of work.</summary>
    public double? Throughput { get; init; }

    /// <summary>Gets the lower bound of the throughput.</summary>
    public double? ThroughputLower { get; init; }

    /// <summary>Gets the upper bound of the throughput.</summary>
    public double? ThroughputUpper { get; init; }

    /// <summary>Gets the throughput's unit, e.g. <c>frames/s</c>.</summary>
    public string? ThroughputUnit { get; init; }

    /// <summary>Gets the verdict of an in-run comparison (Bench.Compare, a stored baseline).</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Gets the in-run comparison's change.</summary>
    public double? Change { get; init; }

    /// <summary>Gets the lower bound of the in-run change.</summary>
    public double? ChangeLower { get; init; }

    /// <summary>Gets the upper bound of the in-run change.</summary>
    public double? ChangeUpper { get; init; }

    /// <summary>Gets the in-run comparison's p-value.</summary>
    public double? PValue { get; init; }

    /// <summary>Gets whether an allocation budget held; null without a budget.</summary>
    public bool? Passed { get; init; }

    /// <summary>Gets the budget in bytes per call, for allocation assertions.</summary>
    public long? BudgetBytes { get; init; }

    /// <summary>Gets the commit the run measured, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>Gets why the run's figures are incomplete, when they are.</summary>
    public string? Note { get; init; }
}
