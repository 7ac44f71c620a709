using System.Globalization;
using System.Text;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

/// <summary>
/// Both emitters print floats as the shortest text that parses back to the same value ("R", invariant culture): the
/// naive one through string interpolation, the optimized one through IUtf8SpanFormattable into bytes.
/// </summary>
public class FloatFormattingTests
{
    [Theory]
    [InlineData(1f, "1")]
    [InlineData(0.1f, "0.1")]
    [InlineData(-2.5f, "-2.5")]
    [InlineData(21.734562f, "21.734562")]
    [InlineData(16777216f, "16777216")]
    [InlineData(1e-7f, "1E-07")]
    [InlineData(3.4028235e38f, "3.4028235E+38")]
    [InlineData(float.Epsilon, "1E-45")]
    [InlineData(-0f, "-0")]
    public void Floats_print_as_the_shortest_round_trip_text(float value, string expected)
    {
        var window = new WindowAggregate(7, 1_000_000_000, 3, value, value, value);
        string line = $"telemetry,sensor=7 count=3i,min={expected},max={expected},mean={expected} 1000000000\n";

        Assert.Equal(line, Optimized(window));
        Assert.Equal(line, Naive(window));
    }

    [Fact]
    public void Both_emitters_agree_and_round_trip_on_a_hundred_thousand_random_floats()
    {
        var random = new Random(17);
        Span<byte> bits = stackalloc byte[4];
        for (int i = 0; i < 100_000; i++)
        {
            random.NextBytes(bits);
            float value = BitConverter.ToSingle(bits);
            if (!float.IsFinite(value))
            {
                continue;
            }

            var window = new WindowAggregate((uint)random.Next(), random.NextInt64(long.MinValue, long.MaxValue), random.Next(), value, -value, value / 3);
            string optimized = Optimized(window);
            Assert.Equal(Naive(window), optimized);

            string min = optimized.Split(",min=")[1].Split(',')[0];
            Assert.Equal(value, float.Parse(min, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Floats_of_nine_digits_print_alike_at_every_position_of_the_point()
    {
        // Nine significant digits take their own path in the optimized formatter (the point after digit 1 to 8); they
        // are rare (104 of these 40 000 values, seeded), so the count is checked to stay meaningful.
        var random = new Random(23);
        int nineDigits = 0;
        for (int scale = 1; scale <= 8; scale++)
        {
            float low = MathF.Pow(10, scale - 1);
            for (int i = 0; i < 5_000; i++)
            {
                float value = low + (random.NextSingle() * low * 9);
                var window = new WindowAggregate(1, 1_000_000_000, 1, value, value, value);
                Assert.Equal(Naive(window), Optimized(window));
                nineDigits += value.ToString("R", CultureInfo.InvariantCulture).Replace(".", string.Empty, StringComparison.Ordinal).Length == 9 ? 1 : 0;
            }
        }

        Assert.True(nineDigits > 50, $"only {nineDigits} values had nine digits");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(1)]
    public void Every_lane_width_the_machine_runs_prints_lines_as_the_naive_emitter(int laneWidth)
    {
        // The emitter formats floats 8 (AVX-512), 4 (AVX2) or 1 at a time by the machine; each width this machine runs
        // must print the naive lines, including special values and the layouts the lanes leave to the scalar code.
        bool runs = laneWidth switch
        {
            8 => FixedLayoutX8.IsSupported,
            4 => FixedLayoutAvx2.IsSupported,
            _ => true,
        };
        if (!runs)
        {
            Assert.True(LineProtocolEmitter.LaneWidth < laneWidth, $"Width {laneWidth} is not run here, so the emitter must not choose it (it chose {LineProtocolEmitter.LaneWidth}).");
            return;
        }

        float[] specials = [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, float.MaxValue, -1.5E-7f, 123456792f, 0.001f, 21.25f, -98.765434f];
        var random = new Random(29);
        var windows = new WindowAggregate[1_000];
        for (int i = 0; i < windows.Length; i++)
        {
            float Next() => random.Next(4) == 0 ? specials[random.Next(specials.Length)] : BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32));
            // Sensor ids of every length, across the lanes' limit (10^8) and the signed range.
            uint[] ids = [0, 7, 99_999_999, 100_000_000, 134_217_728, 2_147_483_648, uint.MaxValue];
            uint sensor = random.Next(3) == 0 ? ids[random.Next(ids.Length)] : (uint)random.Next(100_000_000);
            windows[i] = new WindowAggregate(sensor, 1_700_000_000_000_000_000 + (i / 64 * 1_000_000_000L), 64, Next(), Next(), Next());
        }

        // Batches of every length up to 70 lines (the lanes' last group of a batch is short).
        int next = 0;
        for (int length = 1; next < windows.Length; length = (length % 70) + 1)
        {
            var batch = windows.AsSpan(next, Math.Min(length, windows.Length - next));
            var optimized = new System.Buffers.ArrayBufferWriter<byte>();
            LineProtocolEmitter.Emit(batch, optimized, laneWidth);
            var naive = new System.Buffers.ArrayBufferWriter<byte>();
            foreach (var window in batch)
            {
                NaiveEmitter.Emit(window, naive);
            }

            Assert.Equal(Encoding.UTF8.GetString(naive.WrittenSpan), Encoding.UTF8.GetString(optimized.WrittenSpan));
            next += batch.Length;
        }
    }

    [Fact]
    public void Lines_that_repeat_or_change_the_previous_lines_count_and_window_start_print_as_the_naive_ones()
    {
        // The optimized emitter copies a line's count and window start from the line before when they repeat; mix
        // repeats, changes of width (and a start that is not a whole second) across several of its 64-line requests.
        int[] counts = [64, 64, 7, 123_456, -3, 64];
        long[] starts = [1_700_000_000_000_000_000, 1_700_000_000_000_000_000, 2_000_000_000, 1_700_000_001_000_000_000, 1_500, -9_000_000_000];
        var random = new Random(5);
        var windows = new WindowAggregate[300];
        for (int i = 0; i < windows.Length; i++)
        {
            windows[i] = new WindowAggregate((uint)random.Next(1000), starts[random.Next(starts.Length)], counts[random.Next(counts.Length)], random.NextSingle() * 50, random.NextSingle() * 100, random.NextSingle());
        }

        var optimized = new System.Buffers.ArrayBufferWriter<byte>();
        long written = LineProtocolEmitter.Emit(windows, optimized);
        var naive = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var window in windows)
        {
            NaiveEmitter.Emit(window, naive);
        }

        Assert.Equal(Encoding.UTF8.GetString(naive.WrittenSpan), Encoding.UTF8.GetString(optimized.WrittenSpan));
        Assert.Equal(naive.WrittenCount, written);
    }

    [Fact]
    public void The_longest_line_fits_the_emitters_line_budget()
    {
        var widest = new WindowAggregate(uint.MaxValue, long.MinValue, int.MinValue, -1.17549435E-38f, -3.4028235e38f, -1.4E-45f);
        Assert.True(Encoding.UTF8.GetByteCount(Optimized(widest)) <= LineProtocolEmitter.MaxLineLength);
    }

    private static string Optimized(WindowAggregate window)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        LineProtocolEmitter.Emit([window], output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Naive(WindowAggregate window)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        NaiveEmitter.Emit(window, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
