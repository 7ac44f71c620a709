namespace Meridian.Telemetry.Audit;

/// <summary>What the audit measures and where it writes, from the command line.</summary>
internal sealed record AuditSettings
{
    public required GeneratorOptions Scenario { get; init; }

    /// <summary>Gets the frames of the capture that the stages and the chunked pipeline replay.</summary>
    public required int Frames { get; init; }

    /// <summary>Gets the frames per call of the stages and of the chunked pipeline.</summary>
    public required int BatchFrames { get; init; }

    /// <summary>Gets the frames of the capture one streamed pipeline run reads (the start of the capture).</summary>
    public required int StreamFrames { get; init; }

    /// <summary>Gets the batches (samples) Bench.Run takes per target.</summary>
    public required int BenchSamples { get; init; }

    /// <summary>Gets how long Phase 2 samples the naive pipeline.</summary>
    public required TimeSpan ProfileTime { get; init; }

    public required string OutputDirectory { get; init; }
}
