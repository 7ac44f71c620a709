namespace Meridian.Telemetry;

/// <summary>The header fields of a frame that a sender chooses (the magic, sample count and checksum follow from the frame).</summary>
/// <param name="SensorId">The sensor that produced the frame.</param>
/// <param name="Sequence">The sensor's frame sequence number; consecutive frames of a sensor differ by one (wrapping at 2^32).</param>
/// <param name="TimestampNs">When the first sample was taken, in nanoseconds since the Unix epoch.</param>
/// <param name="Version">The frame version; only <see cref="FrameFormat.CurrentVersion"/> is accepted.</param>
/// <param name="Flags">Sender-defined flags, carried through unvalidated.</param>
/// <param name="Reserved">Reserved; carried through unvalidated.</param>
public readonly record struct FrameHeader(
    uint SensorId,
    uint Sequence,
    long TimestampNs,
    byte Version = FrameFormat.CurrentVersion,
    byte Flags = 0,
    ushort Reserved = 0);
