namespace Meridian.Telemetry;

/// <summary>The four stages of the pipeline, in the order a frame passes them.</summary>
public enum PipelineStage
{
    /// <summary>Find the magic, read the header, bound the sample count, verify the CRC-32C.</summary>
    Decode,

    /// <summary>Check version, samples and the per-sensor sequence and timestamp.</summary>
    Validate,

    /// <summary>Fold accepted frames into per-sensor, per-second windows (count, min, max, mean).</summary>
    Aggregate,

    /// <summary>Write each closed window as one InfluxDB line-protocol line.</summary>
    Emit,
}
