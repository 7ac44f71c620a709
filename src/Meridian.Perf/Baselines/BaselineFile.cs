using System.Text.Json.Serialization;

namespace Meridian.Perf;

/// <summary>
/// The JSON document of one stored baseline (schema 2): the machine it was recorded on, the exact bytes per operation
/// and one entry per recorded run — the run, not the batch, is the unit of replication between runs.
/// </summary>
internal sealed record BaselineFile
{
    public const int CurrentSchemaVersion = 2;

    [JsonPropertyOrder(0)]
    public required int SchemaVersion { get; init; }

    public required string Key { get; init; }

    public required MachineFingerprint Machine { get; init; }

    public string Unit { get; init; } = "ns/op";

    /// <summary>Gets the exact bytes allocated per operation on the measuring thread when the baseline was first recorded.</summary>
    public required double AllocatedBytesPerOperation { get; init; }

    public required BaselineRun[] Runs { get; init; }
}
