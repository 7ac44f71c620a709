using System.Globalization;
using System.Numerics;
using System.Text;
using Meridian.Perf;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

/// <summary>
/// <see cref="ShortestFloatFormatter"/> writes what <c>float.TryFormat(chars, "R", CultureInfo.InvariantCulture)</c>
/// writes (the path string interpolation takes in the naive emitter), byte for byte. The proof is the exhaustive run
/// over all 2^32 bit patterns in samples/Meridian.Telemetry.FloatCheck; these tests keep the edges and a large seeded
/// sample in CI, check the helper formulas and the table exactly, and count allocations exactly.
/// </summary>
public sealed class ShortestFloatFormatterTests
{
    private const int RandomPatterns = 2_000_000;

    [Theory]
    [InlineData(0f, "0")]
    [InlineData(-0f, "-0")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    [InlineData(1f, "1")]
    [InlineData(-2.5f, "-2.5")]
    [InlineData(0.1f, "0.1")]
    [InlineData(0.0001f, "0.0001")]
    [InlineData(0.00001f, "1E-05")]
    [InlineData(0.00012345f, "0.00012345")]
    [InlineData(100_000_000f, "100000000")]
    [InlineData(123456789f, "123456790")]
    [InlineData(1e9f, "1E+09")]
    [InlineData(1e15f, "1E+15")]
    [InlineData(16777216f, "16777216")]
    [InlineData(float.MaxValue, "3.4028235E+38")]
    [InlineData(float.MinValue, "-3.4028235E+38")]
    [InlineData(1.17549435E-38f, "1.1754944E-38")]
    [InlineData(float.Epsilon, "1E-45")]
    [InlineData(-float.Epsilon, "-1E-45")]
    [InlineData(1.5e-44f, "1.5E-44")]
    public void Known_values_print_as_dotnet_prints_them(float value, string expected)
    {
        Assert.Equal(expected, Reference(value));
        Assert.Equal(expected, Format(value));
    }

    [Fact]
    public void Every_NaN_payload_prints_NaN_as_dotnet_does()
    {
        foreach (uint bits in new uint[] { 0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7FFF_FFFF, 0xFFFF_FFFF })
        {
            AssertSameAsDotnet(bits);
        }
    }

    [Fact]
    public void Two_million_seeded_random_bit_patterns_match_dotnet()
    {
        var random = new Random(20_240_607);
        var failures = new List<string>();
        Span<byte> mine = stackalloc byte[ShortestFloatFormatter.MaxLength];
        Span<char> reference = stackalloc char[32];
        for (int i = 0; i < RandomPatterns; i++)
        {
            uint bits = (uint)random.NextInt64(0, 1L << 32);
            float value = BitConverter.UInt32BitsToSingle(bits);
            int length = ShortestFloatFormatter.Format(value, mine);
            value.TryFormat(reference, out int referenceLength, "R", CultureInfo.InvariantCulture);
            if (!SameText(mine[..length], reference[..referenceLength]) && failures.Count < 20)
            {
                failures.Add($"0x{bits:X8}: .NET '{reference[..referenceLength]}', formatter '{Encoding.ASCII.GetString(mine[..length])}'");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {RandomPatterns} seeded patterns differ from .NET's \"R\" text:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void Powers_of_ten_two_and_their_neighbours_match_dotnet()
    {
        var values = new List<float>();
        for (int e = -45; e <= 38; e++)
        {
            values.Add(float.Parse($"1E{e}", CultureInfo.InvariantCulture));
        }

        for (int e = -149; e <= 127; e++)
        {
            values.Add(MathF.ScaleB(1f, e));
        }

        foreach (float center in values)
        {
            float below = center;
            float above = center;
            for (int step = 0; step < 4; step++)
            {
                AssertSameAsDotnet(BitConverter.SingleToUInt32Bits(below));
                AssertSameAsDotnet(BitConverter.SingleToUInt32Bits(above));
                AssertSameAsDotnet(BitConverter.SingleToUInt32Bits(-above));
                below = MathF.BitDecrement(below);
                above = MathF.BitIncrement(above);
            }
        }
    }

    [Fact]
    public void Subnormals_extremes_and_the_normal_boundary_match_dotnet()
    {
        for (uint bits = 0; bits < 20_000; bits++)
        {
            AssertSameAsDotnet(bits);
            AssertSameAsDotnet(bits | 0x8000_0000);
        }

        // The largest subnormals, the smallest normals (same gap on both sides), the largest finite values.
        foreach (uint center in new uint[] { 0x0080_0000, 0x7F7F_FFFF, 0x0100_0000 })
        {
            for (uint bits = center - 5_000; bits <= center + 5_000 && bits < 0x7F80_0000; bits++)
            {
                AssertSameAsDotnet(bits);
            }
        }
    }

    [Fact]
    public void Values_at_the_exponent_notation_thresholds_match_dotnet()
    {
        // Fixed notation from 0.0001 up to 9 digits before the point; exponent notation outside.
        string[] texts =
        [
            "0.0001", "0.00009999999", "0.000099999", "0.00010000001", "0.00012345678", "9.9999E-05", "0.000123456789",
            "999999999", "999999940", "1000000000", "999999970", "123456789", "987654321", "1E+10", "9999999999",
            "0.001", "0.01", "1E-4", "1E-5",
        ];
        foreach (string text in texts)
        {
            float value = float.Parse(text, CultureInfo.InvariantCulture);
            for (int step = -3; step <= 3; step++)
            {
                uint bits = (uint)(BitConverter.SingleToUInt32Bits(value) + step);
                AssertSameAsDotnet(bits);
                AssertSameAsDotnet(bits | 0x8000_0000);
            }
        }
    }

    [Fact]
    public void Values_with_every_shortest_length_from_one_to_nine_digits_match_dotnet()
    {
        // Random decimals of d significant digits at every decimal exponent, parsed to the nearest float: covers
        // every digit count in every layout (0.000ddd, dd.ddd, ddd000, d.dddE±XX).
        var random = new Random(9);
        var lengthsSeen = new HashSet<int>();
        for (int digits = 1; digits <= 9; digits++)
        {
            for (int exponent = -46; exponent <= 38; exponent++)
            {
                for (int sample = 0; sample < 20; sample++)
                {
                    long mantissa = random.NextInt64((long)Math.Pow(10, digits - 1), (long)Math.Pow(10, digits));
                    float value = float.Parse($"{mantissa}E{exponent - digits + 1}", CultureInfo.InvariantCulture);
                    if (!float.IsFinite(value))
                    {
                        continue;
                    }

                    uint bits = BitConverter.SingleToUInt32Bits(value);
                    AssertSameAsDotnet(bits);
                    AssertSameAsDotnet(bits ^ 0x8000_0000);
                    lengthsSeen.Add(SignificantDigits(Reference(value)));
                }
            }
        }

        Assert.Equal(Enumerable.Range(1, 9), lengthsSeen.Where(length => length > 0).Order());
    }

    [Fact]
    public void Integers_up_to_two_to_the_24_and_beyond_match_dotnet()
    {
        for (int i = 0; i <= 100_000; i++)
        {
            AssertSameAsDotnet(BitConverter.SingleToUInt32Bits(i));
        }

        var random = new Random(3);
        for (int i = 0; i < 100_000; i++)
        {
            AssertSameAsDotnet(BitConverter.SingleToUInt32Bits(random.Next(16_000_000, 17_500_000)));
        }
    }

    [Fact]
    public void The_decimal_exponent_formulas_are_exact_for_every_float_exponent()
    {
        // q = -149 (subnormals and the smallest normals) .. 104 (the largest normals); exact rational comparisons.
        for (int q = -149; q <= 104; q++)
        {
            Assert.Equal(FloorLog10(BigInteger.One, BigInteger.One, q), ShortestFloatFormatter.FloorLog10Pow2(q));
            Assert.Equal(FloorLog10(new BigInteger(3), new BigInteger(4), q), ShortestFloatFormatter.FloorLog10ThreeQuartersPow2(q));
        }
    }

    [Fact]
    public void The_powers_of_ten_table_matches_its_definition()
    {
        for (int e = -31; e <= 45; e++)
        {
            BigInteger power = e >= 0 ? BigInteger.Pow(10, e) : BigInteger.One;
            BigInteger divisor = e >= 0 ? BigInteger.One : BigInteger.Pow(10, -e);
            int log2 = ShortestFloatFormatter.FloorLog2Pow10(e);
            Assert.True(ShiftedCompare(power, divisor, log2) >= 0 && ShiftedCompare(power, divisor, log2 + 1) < 0, $"floor(log2(10^{e})) is not {log2}");

            int shift = 63 - log2;
            BigInteger significand = (shift >= 0 ? (power << shift) / divisor : power / (divisor << -shift)) + 1;
            Assert.Equal(significand, new BigInteger(ShortestFloatFormatter.Pow10Significand(e)));
        }
    }

    [Fact]
    public void Scratch_writes_stay_within_the_longest_text()
    {
        // The digit stores write whole 8-byte words; none may land past MaxLength, whatever the layout.
        float[] widest = [-0.000123456789f, -1.2345678E-38f, -123456790f, -1.5E-44f, -0.0001f, -12.345678f, -3.4028235E+38f];
        byte[] destination = new byte[ShortestFloatFormatter.MaxLength + 16];
        foreach (float value in widest)
        {
            Array.Fill(destination, (byte)0xEE);
            ShortestFloatFormatter.Format(value, destination.AsSpan(0, ShortestFloatFormatter.MaxLength));
            Assert.All(destination[ShortestFloatFormatter.MaxLength..], b => Assert.Equal(0xEE, b));
        }
    }

    [Fact]
    public void A_destination_shorter_than_the_longest_text_is_refused()
    {
        var destination = new byte[ShortestFloatFormatter.MaxLength - 1];
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestFloatFormatter.Format(1f, destination));
    }

    [Fact]
    public void Formatting_allocates_nothing()
    {
        var random = new Random(5);
        float[] values = new float[4096];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % 8 == 0 ? BitConverter.UInt32BitsToSingle((uint)random.NextInt64(0, 1L << 32)) : (random.NextSingle() * 60) - 20;
        }

        byte[] destination = new byte[ShortestFloatFormatter.MaxLength];
        var state = (values, destination);
        Allocations.AssertNone(state, FormatAll);
    }

    private static void FormatAll((float[] Values, byte[] Destination) state)
    {
        foreach (float value in state.Values)
        {
            ShortestFloatFormatter.Format(value, state.Destination);
        }
    }

    private static void AssertSameAsDotnet(uint bits)
    {
        float value = BitConverter.UInt32BitsToSingle(bits);
        string expected = Reference(value);
        string actual = Format(value);
        Assert.True(expected == actual, $"0x{bits:X8}: .NET \"R\" gives '{expected}', the formatter '{actual}'");
        Assert.True(actual.Length <= ShortestFloatFormatter.MaxLength);
    }

    private static string Reference(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(float value)
    {
        Span<byte> destination = stackalloc byte[ShortestFloatFormatter.MaxLength];
        int length = ShortestFloatFormatter.Format(value, destination);
        return Encoding.ASCII.GetString(destination[..length]);
    }

    private static bool SameText(ReadOnlySpan<byte> utf8, ReadOnlySpan<char> chars)
    {
        if (utf8.Length != chars.Length)
        {
            return false;
        }

        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] != chars[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Significant digits in a "R" text (0 for NaN, infinities and zero).</summary>
    private static int SignificantDigits(string text)
    {
        string mantissa = text.Split('E')[0].Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        return mantissa.TrimStart('0').TrimEnd('0').Length;
    }

    /// <summary><c>floor(log10(numerator/denominator · 2^q))</c>, exactly.</summary>
    private static int FloorLog10(BigInteger numerator, BigInteger denominator, int q)
    {
        // value = a / b with integers a, b; find the largest k with 10^k ≤ a / b.
        BigInteger a = q >= 0 ? numerator << q : numerator;
        BigInteger b = q >= 0 ? denominator : denominator << -q;
        int k = 0;
        while (PowerOfTenAtMost(k + 1, a, b))
        {
            k++;
        }

        while (!PowerOfTenAtMost(k, a, b))
        {
            k--;
        }

        return k;
    }

    private static bool PowerOfTenAtMost(int k, BigInteger a, BigInteger b) =>
        k >= 0 ? BigInteger.Pow(10, k) * b <= a : b <= a * BigInteger.Pow(10, -k);

    private static int ShiftedCompare(BigInteger numerator, BigInteger denominator, int power) =>
        power >= 0 ? numerator.CompareTo(denominator << power) : (numerator << -power).CompareTo(denominator);
}
