namespace Meridian.Telemetry.Audit;

/// <summary>What the audit measures and where it writes, from the command line.</summary>
internal sealed record AuditSettings
{
    public required GeneratorOptions Scenario { get; init; }

    public required int Frames { get; init; }

    public required int BatchFrames { get; init; }

    public required int Samples { get; init; }

    public required TimeSpan SampleTime { get; init; }

    public required string OutputDirectory { get; init; }
}
