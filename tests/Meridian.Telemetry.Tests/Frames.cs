using System.Buffers.Binary;

namespace Meridian.Telemetry.Tests;

/// <summary>Hand-made frames for tests.</summary>
internal static class Frames
{
    public const long Second = 1_000_000_000;
    public const long T0 = 1_700_000_000_000_000_000;

    /// <summary>A valid frame whose samples are small positive numbers, so its bytes contain no magic after the first two.</summary>
    public static byte[] Make(uint sensor, uint sequence, long timestamp, int count = 16, byte version = 1, float? sample = null)
    {
        float[] samples = new float[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = sample ?? (1f + (i * 0.25f));
        }

        return Make(new FrameHeader(sensor, sequence, timestamp, version), samples);
    }

    public static byte[] Make(FrameHeader header, float[] samples)
    {
        byte[] frame = new byte[FrameFormat.FrameSize(samples.Length)];
        FrameFormat.Write(frame, header, samples);
        return frame;
    }

    public static byte[] WithCount(byte[] frame, ushort count)
    {
        byte[] copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(FrameFormat.SampleCountOffset), count);
        FrameFormat.WriteChecksum(copy);
        return copy;
    }

    public static byte[] WithFlippedBit(byte[] frame, int bit)
    {
        byte[] copy = (byte[])frame.Clone();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
