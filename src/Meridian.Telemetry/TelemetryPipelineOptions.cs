using System.Diagnostics.Metrics;

namespace Meridian.Telemetry;

/// <summary>Settings shared by both pipeline implementations. Values are validated when set.</summary>
public sealed record TelemetryPipelineOptions
{
    private readonly int _batchCapacity = 1024;
    private readonly int _readBufferSize = 64 * 1024;

    /// <summary>Gets the default options.</summary>
    public static TelemetryPipelineOptions Default { get; } = new();

    /// <summary>Gets the most frame candidates a stage handles per batch; stage time and allocations are measured per batch.</summary>
    /// <value>Default 1024; 1 or more.</value>
    public int BatchCapacity
    {
        get => _batchCapacity;
        init => _batchCapacity = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchCapacity), value, "BatchCapacity must be 1 or more.");
    }

    /// <summary>Gets the size of the buffers <see cref="ITelemetryPipeline.RunAsync"/> reads the stream into.</summary>
    /// <value>Default 65536 bytes; at least <see cref="FrameFormat.MaxFrameSize"/>.</value>
    public int ReadBufferSize
    {
        get => _readBufferSize;
        init => _readBufferSize = value >= FrameFormat.MaxFrameSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ReadBufferSize), value, $"ReadBufferSize must be at least {FrameFormat.MaxFrameSize} (one frame).");
    }

    /// <summary>Gets whether each stage's time and allocations are measured (two timestamps and one allocation-counter read per stage and batch).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool MeasureStages { get; init; } = true;

    /// <summary>Gets whether the statistics are published as <see cref="System.Diagnostics.Metrics"/> instruments (see <see cref="TelemetryMetrics"/>).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool PublishMetrics { get; init; } = true;

    /// <summary>Gets the factory the pipeline's <see cref="Meter"/> comes from (dependency injection); when null the pipeline creates and disposes its own.</summary>
    /// <value>Default null.</value>
    public IMeterFactory? MeterFactory { get; init; }
}
