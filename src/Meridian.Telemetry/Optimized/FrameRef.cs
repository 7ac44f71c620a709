using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// A decoded frame as the optimized stages pass it on: the header fields and where the frame lies in the buffer it was
/// decoded from. The samples stay in that buffer; nothing is copied.
/// </summary>
/// <param name="Offset">Where the frame starts in the decoded buffer.</param>
/// <param name="Length">The frame's size in bytes, checksum included.</param>
/// <param name="SensorId">The sensor id.</param>
/// <param name="Sequence">The sequence number.</param>
/// <param name="TimestampNs">The timestamp, Unix nanoseconds.</param>
/// <param name="SampleCount">The number of samples.</param>
/// <param name="Version">The version byte.</param>
/// <param name="Flags">The flags byte.</param>
/// <param name="Reserved">The reserved field.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct FrameRef(
    int Offset,
    int Length,
    uint SensorId,
    uint Sequence,
    long TimestampNs,
    ushort SampleCount,
    byte Version,
    byte Flags,
    ushort Reserved)
{
    /// <summary>The samples' bytes (little-endian f32) inside <paramref name="buffer"/>, the buffer the frame was decoded from.</summary>
    /// <param name="buffer">The decoded buffer.</param>
    /// <returns>The sample bytes.</returns>
    public ReadOnlySpan<byte> SampleBytes(ReadOnlySpan<byte> buffer) =>
        buffer.Slice(Offset + FrameFormat.HeaderSize, SampleCount * sizeof(float));

    /// <summary>Reads sample <paramref name="index"/> from <paramref name="buffer"/>, the buffer the frame was decoded from.</summary>
    /// <param name="buffer">The decoded buffer.</param>
    /// <param name="index">The sample index, below <see cref="SampleCount"/>.</param>
    /// <returns>The sample.</returns>
    public float Sample(ReadOnlySpan<byte> buffer, int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)SampleCount, nameof(index));
        return BinaryPrimitives.ReadSingleLittleEndian(buffer[(Offset + FrameFormat.HeaderSize + (index * sizeof(float)))..]);
    }
}
