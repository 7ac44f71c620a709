using System.Globalization;
using System.Text;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

/// <summary>
/// <see cref="DecimalDigits"/> writes integers as <c>long.ToString(CultureInfo.InvariantCulture)</c> does, and the
/// emitter's line budget leaves room for its 8-byte scratch stores.
/// </summary>
public sealed class DecimalDigitsTests
{
    [Fact]
    public void Integers_at_every_digit_count_boundary_print_as_dotnet_prints_them()
    {
        var values = new List<long> { 0, long.MaxValue, long.MinValue, long.MinValue + 1, int.MinValue, uint.MaxValue };
        long power = 1;
        for (int digits = 0; digits <= 18; digits++)
        {
            values.AddRange([power - 1, power, power + 1, -power, -(power - 1), -(power + 1)]);
            power *= 10;
        }

        foreach (long value in values)
        {
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Write(value));
        }

        Assert.Equal(ulong.MaxValue.ToString(CultureInfo.InvariantCulture), WriteUnsigned(ulong.MaxValue));
    }

    [Fact]
    public void Seeded_random_integers_of_every_magnitude_print_as_dotnet_prints_them()
    {
        var random = new Random(11);
        for (int i = 0; i < 200_000; i++)
        {
            long value = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Write(value));
        }
    }

    [Fact]
    public void Digit_counts_are_exact_at_every_power_of_ten()
    {
        Assert.Equal(1, DecimalDigits.Count(0));
        Assert.Equal(1, DecimalDigits.Count(1));
        uint power = 1;
        for (int digits = 1; digits <= 9; digits++)
        {
            power *= 10;
            Assert.Equal(digits, DecimalDigits.Count(power - 1));
            Assert.Equal(digits + 1, DecimalDigits.Count(power));
            Assert.Equal(digits + 1, DecimalDigits.Count(power + 1));
        }

        Assert.Equal(10, DecimalDigits.Count(uint.MaxValue));
    }

    [Fact]
    public void The_widest_line_and_its_scratch_stay_within_the_emitters_line_budget()
    {
        var widest = new WindowAggregate(uint.MaxValue, long.MinValue, int.MinValue, -0.000123456789f, -1.2345678E-38f, -3.4028235e38f);
        byte[] destination = new byte[LineProtocolEmitter.MaxLineLength + 32];
        Array.Fill(destination, (byte)0xEE);
        int length = LineProtocolEmitter.Format(widest, destination.AsSpan(0, LineProtocolEmitter.MaxLineLength));

        Assert.True(length + DecimalDigits.Slack <= LineProtocolEmitter.MaxLineLength, $"The widest line is {length} B; with {DecimalDigits.Slack} B of scratch it needs more than {LineProtocolEmitter.MaxLineLength} B.");
        Assert.All(destination[LineProtocolEmitter.MaxLineLength..], b => Assert.Equal(0xEE, b));
        Assert.Equal(
            "telemetry,sensor=4294967295 count=-2147483648i,min=-0.00012345679,max=-1.2345678E-38,mean=-3.4028235E+38 -9223372036854775808\n",
            Encoding.ASCII.GetString(destination, 0, length));
    }

    private static string Write(long value)
    {
        Span<byte> destination = stackalloc byte[DecimalDigits.MaxInt64Length + DecimalDigits.Slack];
        int length = DecimalDigits.WriteInt64(ref destination[0], value);
        return Encoding.ASCII.GetString(destination[..length]);
    }

    private static string WriteUnsigned(ulong value)
    {
        Span<byte> destination = stackalloc byte[DecimalDigits.MaxInt64Length + DecimalDigits.Slack];
        int length = DecimalDigits.WriteUInt64(ref destination[0], value);
        return Encoding.ASCII.GetString(destination[..length]);
    }
}
