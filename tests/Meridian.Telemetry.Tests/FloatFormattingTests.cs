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
