namespace Meridian.Telemetry.Naive;

/// <summary>
/// The naive decode stage, as a first version is written: a byte-by-byte magic search, a <see cref="BinaryReader"/> over
/// a <see cref="MemoryStream"/> per frame, a new samples array and a copy of the bytes per frame, a table-driven CRC,
/// and exceptions for bad frames.
/// </summary>
public static class NaiveDecoder
{
    /// <summary>Decodes every frame that can be decided in <paramref name="data"/>; see <see cref="Optimized.FrameDecoder.Decode"/> for the contract.</summary>
    /// <param name="data">The input.</param>
    /// <param name="isFinal">Whether no more input follows.</param>
    /// <param name="statistics">Where candidates, rejections and skipped bytes are counted.</param>
    /// <param name="consumed">The number of bytes decided.</param>
    /// <returns>The decoded frames.</returns>
    public static List<NaiveFrame> Decode(byte[] data, bool isFinal, TelemetryStatistics statistics, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(statistics);
        var frames = new List<NaiveFrame>();
        int position = 0;
        while (position < data.Length)
        {
            int start = FindMagic(data, position);
            if (start < 0)
            {
                int keep = !isFinal && data[data.Length - 1] == FrameFormat.MagicFirstByte ? 1 : 0;
                statistics.Skip(data.Length - position - keep);
                position = data.Length - keep;
                break;
            }

            statistics.Skip(start - position);
            position = start;
            try
            {
                var frame = DecodeFrame(data, start, isFinal);
                if (frame == null)
                {
                    break;
                }

                statistics.Offer();
                frames.Add(frame);
                position += frame.Length;
            }
            catch (FrameRejectedException e)
            {
                statistics.Offer();
                statistics.Reject(e.Reason, 2);
                position = start + 2;
            }
        }

        consumed = position;
        return frames;
    }

    private static int FindMagic(byte[] data, int from)
    {
        for (int i = from; i < data.Length - 1; i++)
        {
            if (data[i] == FrameFormat.MagicFirstByte && data[i + 1] == FrameFormat.MagicSecondByte)
            {
                return i;
            }
        }

        return -1;
    }

    private static NaiveFrame? DecodeFrame(byte[] data, int start, bool isFinal)
    {
        int available = data.Length - start;
        if (available < FrameFormat.HeaderSize)
        {
            return isFinal ? throw new FrameRejectedException(RejectReason.Truncated, $"Input ended {available} B into a frame header at offset {start}.") : null;
        }

        using var reader = new BinaryReader(new MemoryStream(data, start, available, writable: false));
        reader.ReadUInt16();
        byte version = reader.ReadByte();
        byte flags = reader.ReadByte();
        uint sensorId = reader.ReadUInt32();
        uint sequence = reader.ReadUInt32();
        long timestamp = reader.ReadInt64();
        ushort count = reader.ReadUInt16();
        ushort reserved = reader.ReadUInt16();
        if (count > FrameFormat.MaxSampleCount)
        {
            throw new FrameRejectedException(RejectReason.SampleCountTooLarge, $"Frame at offset {start} declares {count} samples; at most {FrameFormat.MaxSampleCount} are allowed.");
        }

        int length = FrameFormat.HeaderSize + (count * 4) + FrameFormat.ChecksumSize;
        if (available < length)
        {
            return isFinal ? throw new FrameRejectedException(RejectReason.Truncated, $"Input ended {available} B into a {length} B frame at offset {start}.") : null;
        }

        var samples = new float[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = reader.ReadSingle();
        }

        uint checksum = reader.ReadUInt32();
        byte[] body = new byte[length - FrameFormat.ChecksumSize];
        Array.Copy(data, start, body, 0, body.Length);
        uint actual = NaiveCrc32C.Compute(body, body.Length);
        if (actual != checksum)
        {
            throw new FrameRejectedException(RejectReason.ChecksumMismatch, $"Frame at offset {start} has checksum {checksum:X8}, computed {actual:X8}.");
        }

        return new NaiveFrame
        {
            Version = version,
            Flags = flags,
            SensorId = sensorId,
            Sequence = sequence,
            Timestamp = timestamp,
            Reserved = reserved,
            Samples = samples,
            Checksum = checksum,
            Length = length,
        };
    }
}
