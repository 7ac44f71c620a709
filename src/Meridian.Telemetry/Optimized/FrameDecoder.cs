using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// The optimized decode stage: finds frames in a buffer by their magic, reads the header with
/// <see cref="BinaryPrimitives"/>, bounds the sample count and verifies the CRC-32C in hardware, producing
/// <see cref="FrameRef"/>s that point into the buffer. Stateless; allocates nothing.
/// </summary>
/// <remarks>
/// The checksum is verified here rather than in validation because it is what makes a frame's length trustworthy:
/// a candidate that fails it accounts for its two magic bytes only, and the scan resumes right after them.
/// </remarks>
internal static class FrameDecoder
{
    private static ReadOnlySpan<byte> MagicBytes => [FrameFormat.MagicFirstByte, FrameFormat.MagicSecondByte];

    /// <summary>
    /// Decodes frames from the start of <paramref name="buffer"/> into <paramref name="frames"/> until it is full or the
    /// rest of the buffer cannot be decided without more data. Garbage is counted as skipped, bad candidates as rejected.
    /// </summary>
    /// <param name="buffer">The input; the returned frames' offsets are relative to it.</param>
    /// <param name="isFinal">Whether no more input follows (an incomplete frame is then <see cref="RejectReason.Truncated"/>).</param>
    /// <param name="frames">Where the decoded frames go.</param>
    /// <param name="statistics">Where candidates, rejections and skipped bytes are counted.</param>
    /// <param name="consumed">The number of bytes decided: everything before the first byte that needs more data.</param>
    /// <returns>The number of frames written to <paramref name="frames"/>.</returns>
    // Never inlined: a stage's loop inlined into the pipeline's driver with the other three had its locals spilled to a
    // 616-byte stack frame (the JIT's register allocation works per method); one call per batch costs nothing.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Decode(ReadOnlySpan<byte> buffer, bool isFinal, Span<FrameRef> frames, TelemetryStatistics statistics, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        int count = 0;
        int position = 0;
        while (true)
        {
            PlainRun(buffer, frames, ref count, ref position);
            if (count >= frames.Length || position >= buffer.Length || !DecodeOne(buffer, isFinal, frames, statistics, ref count, ref position))
            {
                break;
            }
        }

        // Accepted candidates are counted once per call, not one memory update each.
        statistics.Offer(count);
        consumed = position;
        return count;
    }

    // Decodes whole frames from `position` on for as long as each starts with the magic, has a sample count in range,
    // has fully arrived and has the right checksum; stops at the first that does not, or when the batch is full. No
    // calls (the checksum is inlined): the loop's state stays in registers.
    private static void PlainRun(ReadOnlySpan<byte> buffer, Span<FrameRef> frames, ref int count, ref int position)
    {
        int decoded = count;
        int at = position;
        int length = buffer.Length;
        ref byte origin = ref MemoryMarshal.GetReference(buffer);
        ref FrameRef first = ref MemoryMarshal.GetReference(frames);
        while (decoded < frames.Length && length - at >= FrameFormat.HeaderSize)
        {
            ref byte start = ref Unsafe.Add(ref origin, at);
            int sampleCount = ReadUInt16(ref start, FrameFormat.SampleCountOffset);
            int size = FrameFormat.FrameSize(sampleCount);
            if (ReadUInt16(ref start, 0) != FrameFormat.Magic || sampleCount > FrameFormat.MaxSampleCount || length - at < size)
            {
                break;
            }

            int body = size - FrameFormat.ChecksumSize;
            if (~Crc32C.Append(uint.MaxValue, MemoryMarshal.CreateReadOnlySpan(ref start, body)) != ReadUInt32(ref start, body))
            {
                break;
            }

            Unsafe.Add(ref first, decoded++) = Describe(ref start, at, size, sampleCount);
            at += size;
        }

        count = decoded;
        position = at;
    }

    // One candidate the plain run stopped at: skips to the next magic, then decodes or rejects one frame. Returns false
    // when the rest must wait for more data (or there is no rest).
    private static bool DecodeOne(ReadOnlySpan<byte> buffer, bool isFinal, Span<FrameRef> frames, TelemetryStatistics statistics, ref int count, ref int position)
    {
        var rest = buffer[position..];
        if (rest.Length < 2 || rest[0] != FrameFormat.MagicFirstByte || rest[1] != FrameFormat.MagicSecondByte)
        {
            int found = rest.IndexOf(MagicBytes);
            if (found < 0)
            {
                // A last byte that could begin a magic waits for the next chunk.
                int keep = !isFinal && rest[^1] == FrameFormat.MagicFirstByte ? 1 : 0;
                statistics.Skip(rest.Length - keep);
                position += rest.Length - keep;
                return false;
            }

            statistics.Skip(found);
            position += found;
            rest = rest[found..];
        }

        if (rest.Length < FrameFormat.HeaderSize)
        {
            if (!isFinal)
            {
                return false;
            }

            RejectUntrusted(statistics, RejectReason.Truncated, ref position);
            return true;
        }

        ref byte start = ref MemoryMarshal.GetReference(rest);
        int sampleCount = ReadUInt16(ref start, FrameFormat.SampleCountOffset);
        if (sampleCount > FrameFormat.MaxSampleCount)
        {
            RejectUntrusted(statistics, RejectReason.SampleCountTooLarge, ref position);
            return true;
        }

        int length = FrameFormat.FrameSize(sampleCount);
        if (rest.Length < length)
        {
            if (!isFinal)
            {
                return false;
            }

            RejectUntrusted(statistics, RejectReason.Truncated, ref position);
            return true;
        }

        int body = length - FrameFormat.ChecksumSize;
        uint expected = ReadUInt32(ref start, body);
        if (Crc32C.Compute(rest[..body]) != expected)
        {
            RejectUntrusted(statistics, RejectReason.ChecksumMismatch, ref position);
            return true;
        }

        frames[count++] = Describe(ref start, position, length, sampleCount);
        position += length;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FrameRef Describe(ref byte start, int offset, int length, int sampleCount) => new(
        offset,
        length,
        ReadUInt32(ref start, FrameFormat.SensorIdOffset),
        ReadUInt32(ref start, FrameFormat.SequenceOffset),
        (long)ReadUInt64(ref start, FrameFormat.TimestampOffset),
        (ushort)sampleCount,
        Unsafe.Add(ref start, FrameFormat.VersionOffset),
        Unsafe.Add(ref start, FrameFormat.FlagsOffset),
        ReadUInt16(ref start, FrameFormat.ReservedOffset));

    private static void RejectUntrusted(TelemetryStatistics statistics, RejectReason reason, ref int position)
    {
        statistics.Offer();
        statistics.Reject(reason, 2);
        position += 2;
    }

    // The header lies within the span (checked by the caller), so these reads skip the bounds checks of BinaryPrimitives.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ReadUInt16(ref byte start, int offset)
    {
        ushort value = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ReadUInt32(ref byte start, int offset)
    {
        uint value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadUInt64(ref byte start, int offset)
    {
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, offset));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }
}
