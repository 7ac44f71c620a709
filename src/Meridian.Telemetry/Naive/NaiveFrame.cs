namespace Meridian.Telemetry.Naive;

/// <summary>A decoded frame as the naive stages pass it on: an object with its own copy of the bytes and a samples array.</summary>
public sealed class NaiveFrame
{
    /// <summary>Gets the version byte.</summary>
    public byte Version { get; init; }

    /// <summary>Gets the flags byte.</summary>
    public byte Flags { get; init; }

    /// <summary>Gets the sensor id.</summary>
    public uint SensorId { get; init; }

    /// <summary>Gets the sequence number.</summary>
    public uint Sequence { get; init; }

    /// <summary>Gets the timestamp, Unix nanoseconds.</summary>
    public long Timestamp { get; init; }

    /// <summary>Gets the reserved field.</summary>
    public ushort Reserved { get; init; }

    /// <summary>Gets the samples.</summary>
    public float[] Samples { get; init; } = [];

    /// <summary>Gets the checksum carried by the frame.</summary>
    public uint Checksum { get; init; }

    /// <summary>Gets the frame's size in bytes.</summary>
    public int Length { get; init; }
}
