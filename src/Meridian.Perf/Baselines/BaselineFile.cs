using System.Text.Json.Serialization;

namespace Meridian.Perf;

/// <summary>The JSON document of one stored timing baseline.</summary>
internal sealed record BaselineFile
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyOrder(0)]
    public required int SchemaVersion { get; init; }

    public required string Key { get; init; }

    public required DateTimeOffset RecordedUtc { get; init; }

    public required MachineFingerprint Machine { get; init; }

    public string Unit { get; init; } = "ns/op";

    public required long OperationsPerBatch { get; init; }

    public required double AllocatedBytesPerOperation { get; init; }

    public required BaselineSummary Summary { get; init; }

    public required double[] Samples { get; init; }
}
