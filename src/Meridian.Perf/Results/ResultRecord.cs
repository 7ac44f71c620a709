namespace Meridian.Perf.Results;

/// <summary>
/// One line of a results file (JSON Lines, one file per process): one measurement made through the library, with
/// where and how it was made. The <c>meridian-perf</c> tool reads these; the shape is versioned by <see cref="Schema"/>.
/// </summary>
internal sealed class ResultRecord
{
    /// <summary>The schema of this record; readers refuse records of another major version.</summary>
    public const string CurrentSchema = "meridian-perf/result@1";

    /// <summary>Gets the schema identifier.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>Gets what produced the record: <c>bench</c>, <c>compare</c>, <c>baseline</c>, <c>allocations</c> or <c>zero-alloc</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the test's full name (or the label or baseline key), unique within the process (a repeat gets " #2", " #3").</summary>
    public required string Name { get; init; }

    /// <summary>Gets the stored baseline's key, for <c>baseline</c> records.</summary>
    public string? Key { get; init; }

    /// <summary>Gets when the record was written.</summary>
    public DateTimeOffset RecordedUtc { get; init; }

    /// <summary>Gets the time per operation measured (the candidate's, for a comparison).</summary>
    public TimeRecord? Time { get; init; }

    /// <summary>Gets the baseline's time per operation, for comparisons.</summary>
    public TimeRecord? BaselineTime { get; init; }

    /// <summary>Gets the exact bytes allocated per operation on the measuring thread (the candidate's, for a comparison).</summary>
    public double? BytesPerOperation { get; init; }

    /// <summary>Gets the baseline's bytes per operation, for comparisons.</summary>
    public double? BaselineBytesPerOperation { get; init; }

    /// <summary>Gets the throughput, when the caller gave a unit of work (<see cref="PerfResults.Label"/>).</summary>
    public ThroughputRecord? Throughput { get; init; }

    /// <summary>Gets the timing verdict, for comparisons and compared baselines.</summary>
    public VerdictRecord? Verdict { get; init; }

    /// <summary>Gets the allocation measurement, for <c>allocations</c> and <c>zero-alloc</c> records.</summary>
    public AllocationRecord? Allocations { get; init; }

    /// <summary>Gets what a stored-baseline check did (<see cref="BaselineOutcome"/>, or <c>Failed</c>).</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets warnings and notes the measurement raised.</summary>
    public IReadOnlyList<string>? Notes { get; init; }

    /// <summary>Gets the machine and runtime fingerprint.</summary>
    public required MachineFingerprint Machine { get; init; }

    /// <summary>Gets how the runtime compiled and collected.</summary>
    public required ModeRecord Mode { get; init; }

    /// <summary>Gets the commit and CI run, when the CI environment provides them.</summary>
    public CiRecord? Ci { get; init; }

    /// <summary>Gets the process that wrote the record.</summary>
    public required ProcessRecord Process { get; init; }
}
