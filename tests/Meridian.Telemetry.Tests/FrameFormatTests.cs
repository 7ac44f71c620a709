using System.Buffers.Binary;
using System.Text;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

public class FrameFormatTests
{
    [Fact]
    public void Crc32C_matches_the_published_check_value()
    {
        // The CRC catalogue's check value for CRC-32/ISCSI (CRC-32C) over the ASCII bytes "123456789".
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xE3069283u, Crc32C.Compute(check));
        Assert.Equal(0xE3069283u, NaiveCrc32C.Compute(check, check.Length));
    }

    [Fact]
    public void Hardware_and_table_Crc32C_agree_on_every_length()
    {
        var random = new Random(7);
        for (int length = 0; length < 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(NaiveCrc32C.Compute(data, length), Crc32C.Compute(data));
        }
    }

    [Fact]
    public void Frame_layout_is_little_endian_at_the_documented_offsets()
    {
        byte[] frame = new byte[FrameFormat.FrameSize(2)];
        int size = FrameFormat.Write(frame, new FrameHeader(0x01020304, 0x0A0B0C0D, 0x1122334455667788, Version: 1, Flags: 0x5A, Reserved: 0xBEEF), [1f, -2f]);

        Assert.Equal(24 + 8 + 4, size);
        Assert.Equal(new byte[] { 0x52, 0x4D, 1, 0x5A, 4, 3, 2, 1, 0x0D, 0x0C, 0x0B, 0x0A, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 2, 0, 0xEF, 0xBE }, frame[..24]);
        Assert.Equal(1f, BinaryPrimitives.ReadSingleLittleEndian(frame.AsSpan(24)));
        Assert.Equal(-2f, BinaryPrimitives.ReadSingleLittleEndian(frame.AsSpan(28)));
        Assert.Equal(NaiveCrc32C.Compute(frame, 32), BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(32)));
        Assert.Equal(92, FrameFormat.FrameSize(16));
        Assert.Equal(284, FrameFormat.MaxFrameSize);
    }

    [Theory]
    [InlineData(0u, 0u, 0L, 1, 0, 0, 1)]
    [InlineData(uint.MaxValue, uint.MaxValue, long.MaxValue, 1, 255, ushort.MaxValue, 64)]
    [InlineData(42u, 7u, long.MinValue, 1, 0x80, 1, 16)]
    [InlineData(123456u, 0x80000000u, -1L, 200, 3, 0x8000, 5)]
    public void Every_field_round_trips_through_both_decoders(uint sensor, uint sequence, long timestamp, byte version, byte flags, ushort reserved, int count)
    {
        var random = new Random(count);
        float[] samples = Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * 1e6)).ToArray();
        samples[0] = float.Epsilon;
        var header = new FrameHeader(sensor, sequence, timestamp, version, flags, reserved);
        byte[] frame = new byte[FrameFormat.FrameSize(count)];
        FrameFormat.Write(frame, header, samples);

        Assert.Equal(header, FrameFormat.ReadHeader(frame));

        var statistics = new TelemetryStatistics();
        var refs = new FrameRef[1];
        Assert.Equal(1, FrameDecoder.Decode(frame, isFinal: true, refs, statistics, out int consumed));
        Assert.Equal(frame.Length, consumed);
        var decoded = refs[0];
        Assert.Equal((0, frame.Length, sensor, sequence, timestamp, (ushort)count, version, flags, reserved),
            (decoded.Offset, decoded.Length, decoded.SensorId, decoded.Sequence, decoded.TimestampNs, decoded.SampleCount, decoded.Version, decoded.Flags, decoded.Reserved));
        Assert.Equal(samples, Enumerable.Range(0, count).Select(i => decoded.Sample(frame, i)));

        var naive = Assert.Single(NaiveDecoder.Decode(frame, isFinal: true, new TelemetryStatistics(), out int naiveConsumed));
        Assert.Equal(frame.Length, naiveConsumed);
        Assert.Equal((sensor, sequence, timestamp, version, flags, reserved, frame.Length),
            (naive.SensorId, naive.Sequence, naive.Timestamp, naive.Version, naive.Flags, naive.Reserved, naive.Length));
        Assert.Equal(samples, naive.Samples);
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(frame.Length - 4)), naive.Checksum);
    }

    [Fact]
    public void Writing_more_than_64_samples_is_refused()
    {
        byte[] frame = new byte[FrameFormat.FrameSize(65)];
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameFormat.Write(frame, new FrameHeader(1, 1, 1), new float[65]));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(999_999_999L, 0L)]
    [InlineData(1_000_000_000L, 1_000_000_000L)]
    [InlineData(-1L, -1_000_000_000L)]
    [InlineData(-1_000_000_000L, -1_000_000_000L)]
    [InlineData(-1_000_000_001L, -2_000_000_000L)]
    [InlineData(1_700_000_000_123_456_789L, 1_700_000_000_000_000_000L)]
    public void Windows_start_at_the_floor_second(long timestamp, long expected) =>
        Assert.Equal(expected, WindowAggregate.WindowStartOf(timestamp));
}
