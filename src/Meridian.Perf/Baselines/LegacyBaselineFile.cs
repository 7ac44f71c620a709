namespace Meridian.Perf;

/// <summary>
/// A schema-1 baseline file (Meridian.Perf 0.1.0): one run's batches. It still loads, as a baseline of one run whose
/// between-run spread is unknown.
/// </summary>
internal sealed record LegacyBaselineFile
{
    public required int SchemaVersion { get; init; }

    public required string Key { get; init; }

    public required DateTimeOffset RecordedUtc { get; init; }

    public required MachineFingerprint Machine { get; init; }

    public string Unit { get; init; } = "ns/op";

    public required long OperationsPerBatch { get; init; }

    public required double AllocatedBytesPerOperation { get; init; }

    public required double[] Samples { get; init; }

    public BaselineFile ToCurrent() => new()
    {
        SchemaVersion = BaselineFile.CurrentSchemaVersion,
        Key = Key,
        Machine = Machine,
        Unit = Unit,
        AllocatedBytesPerOperation = AllocatedBytesPerOperation,
        Runs = [BaselineRun.Of(Samples, OperationsPerBatch, RecordedUtc, settled: true)],
    };
}
