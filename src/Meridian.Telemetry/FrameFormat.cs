using System.Buffers.Binary;

namespace Meridian.Telemetry;

/// <summary>
/// The binary telemetry frame, little-endian throughout:
/// magic <c>0x4D52</c> (u16), version (u8), flags (u8), sensor id (u32), sequence (u32), timestamp in Unix nanoseconds
/// (i64), sample count (u16, at most <see cref="MaxSampleCount"/>), reserved (u16), the samples (f32 × count), and a
/// CRC-32C (u32) over every byte before it.
/// </summary>
/// <remarks>The header is <see cref="HeaderSize"/> bytes, so a frame of 16 samples is 92 bytes.</remarks>
public static class FrameFormat
{
    /// <summary>The magic number that starts every frame; on the wire it is the bytes <c>0x52 0x4D</c> ("RM").</summary>
    public const ushort Magic = 0x4D52;

    /// <summary>The first byte of the magic on the wire.</summary>
    public const byte MagicFirstByte = 0x52;

    /// <summary>The second byte of the magic on the wire.</summary>
    public const byte MagicSecondByte = 0x4D;

    /// <summary>The only frame version this pipeline accepts.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>The size of the fixed header, in bytes.</summary>
    public const int HeaderSize = 24;

    /// <summary>The size of the trailing CRC-32C, in bytes.</summary>
    public const int ChecksumSize = 4;

    /// <summary>The largest sample count a valid frame may declare.</summary>
    public const int MaxSampleCount = 64;

    /// <summary>The size of a frame without samples, in bytes.</summary>
    public const int MinFrameSize = HeaderSize + ChecksumSize;

    /// <summary>The size of a frame with <see cref="MaxSampleCount"/> samples, in bytes.</summary>
    public const int MaxFrameSize = HeaderSize + (MaxSampleCount * sizeof(float)) + ChecksumSize;

    /// <summary>Offset of the version byte.</summary>
    public const int VersionOffset = 2;

    /// <summary>Offset of the flags byte.</summary>
    public const int FlagsOffset = 3;

    /// <summary>Offset of the sensor id.</summary>
    public const int SensorIdOffset = 4;

    /// <summary>Offset of the sequence number.</summary>
    public const int SequenceOffset = 8;

    /// <summary>Offset of the timestamp.</summary>
    public const int TimestampOffset = 12;

    /// <summary>Offset of the sample count.</summary>
    public const int SampleCountOffset = 20;

    /// <summary>Offset of the reserved field.</summary>
    public const int ReservedOffset = 22;

    /// <summary>The size in bytes of a frame carrying <paramref name="sampleCount"/> samples.</summary>
    /// <param name="sampleCount">The number of samples, 0 to 65535 (larger than <see cref="MaxSampleCount"/> is not a valid frame, but its size is still defined).</param>
    /// <returns>The frame size in bytes.</returns>
    public static int FrameSize(int sampleCount) => HeaderSize + (sampleCount * sizeof(float)) + ChecksumSize;

    /// <summary>
    /// Writes one frame: the header's fields, <paramref name="samples"/> (their length is the sample count) and the
    /// CRC-32C.
    /// </summary>
    /// <param name="destination">Where to write; at least <see cref="FrameSize(int)"/> bytes.</param>
    /// <param name="header">The header fields.</param>
    /// <param name="samples">The samples, at most <see cref="MaxSampleCount"/>.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Too many samples.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int Write(Span<byte> destination, in FrameHeader header, ReadOnlySpan<float> samples)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples.Length, MaxSampleCount, nameof(samples));
        int size = FrameSize(samples.Length);
        if (destination.Length < size)
        {
            throw new ArgumentException($"A frame of {samples.Length} samples needs {size} B, but the destination has {destination.Length} B.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16LittleEndian(destination, Magic);
        destination[VersionOffset] = header.Version;
        destination[FlagsOffset] = header.Flags;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[SensorIdOffset..], header.SensorId);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[SequenceOffset..], header.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(destination[TimestampOffset..], header.TimestampNs);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[SampleCountOffset..], (ushort)samples.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[ReservedOffset..], header.Reserved);
        var sampleBytes = destination[HeaderSize..];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(sampleBytes[(i * sizeof(float))..], samples[i]);
        }

        WriteChecksum(destination[..size]);
        return size;
    }

    /// <summary>Recomputes and writes the CRC-32C of a frame over all of its bytes but the last four.</summary>
    /// <param name="frame">The whole frame, checksum included.</param>
    public static void WriteChecksum(Span<byte> frame)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frame.Length, MinFrameSize, nameof(frame));
        int body = frame.Length - ChecksumSize;
        BinaryPrimitives.WriteUInt32LittleEndian(frame[body..], Crc32C.Compute(frame[..body]));
    }

    /// <summary>Reads the header fields of a frame (no validation).</summary>
    /// <param name="frame">At least <see cref="HeaderSize"/> bytes starting at the magic.</param>
    /// <returns>The header.</returns>
    public static FrameHeader ReadHeader(ReadOnlySpan<byte> frame)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frame.Length, HeaderSize, nameof(frame));
        return new FrameHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(frame[SensorIdOffset..]),
            BinaryPrimitives.ReadUInt32LittleEndian(frame[SequenceOffset..]),
            BinaryPrimitives.ReadInt64LittleEndian(frame[TimestampOffset..]),
            frame[VersionOffset],
            frame[FlagsOffset],
            BinaryPrimitives.ReadUInt16LittleEndian(frame[ReservedOffset..]));
    }
}
