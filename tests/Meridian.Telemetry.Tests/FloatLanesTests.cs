using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

/// <summary>
/// The emitter's vector lanes (<see cref="ShortestDigitsX8"/> with <see cref="FixedLayoutX8"/>, and
/// <see cref="ShortestDigitsAvx2"/> with <see cref="FixedLayoutAvx2"/>) give every float the digits, exponent and text of
/// the scalar formatter. The proof is the exhaustive run (<c>samples/Meridian.Telemetry.FloatCheck -- lanes</c>); these
/// tests keep a large seeded sample and the edges in CI, on whichever widths the machine runs.
/// </summary>
public sealed class FloatLanesTests
{
    private const int RandomPatterns = 1 << 21;

    [Fact]
    public void Eight_lanes_match_the_scalar_formatter_on_seeded_patterns_and_edges()
    {
        if (!FixedLayoutX8.IsSupported)
        {
            // Not this machine's path: the emitter must then not take it.
            Assert.False(Avx512F.IsSupported && Avx512DQ.IsSupported && Vector512.IsHardwareAccelerated);
            return;
        }

        var failures = new List<string>();
        foreach (uint[] group in Groups(8))
        {
            var bits = Vector256.Create(group);
            ShortestDigitsX8.Compute(bits, out var digits, out var exponents);
            FixedLayoutX8.Compute(digits, exponents, out var texts, out var layouts);
            for (int lane = 0; lane < 8; lane++)
            {
                Check(group[lane], digits.GetElement(lane), exponents.GetElement(lane), texts.GetElement(lane), layouts.GetElement(lane), failures);
            }
        }

        Assert.True(failures.Count == 0, $"The eight lanes differ from the scalar formatter:\n{string.Join('\n', failures.Take(20))}");
    }

    [Fact]
    public void The_avx2_lanes_match_the_scalar_formatter_on_seeded_patterns_and_edges()
    {
        if (!FixedLayoutAvx2.IsSupported)
        {
            Assert.False(Avx2.IsSupported);
            return;
        }

        var failures = new List<string>();
        foreach (uint[] group in Groups(8))
        {
            var bits = Vector256.Create(group);
            ShortestDigitsAvx2.Compute(bits, out var digits, out var exponents);
            FixedLayoutAvx2.Compute(digits, exponents, out var lowTexts, out var highTexts, out var layouts);
            for (int lane = 0; lane < 8; lane++)
            {
                ulong text = lane < 4 ? lowTexts.GetElement(lane) : highTexts.GetElement(lane - 4);
                Check(group[lane], digits.GetElement(lane), exponents.GetElement(lane), text, layouts.GetElement(lane), failures);
            }
        }

        Assert.True(failures.Count == 0, $"The AVX2 lanes differ from the scalar formatter:\n{string.Join('\n', failures.Take(20))}");
    }

    [Fact]
    public void The_common_layout_is_taken_for_fixed_point_values_and_left_to_the_scalar_code_otherwise()
    {
        if (!FixedLayoutAvx2.IsSupported)
        {
            Assert.False(Avx2.IsSupported);
            return;
        }

        // dd.ddd with at most 8 digits: the lanes' text; exponent notation, 0.0ddd, whole numbers and 9 digits: not.
        float[] values = [21.25f, 0.5f, 1.2345678f, 12345.678f, 1E-05f, 0.001f, 100f, 1.23456789E+08f];
        bool[] common = [true, false, true, true, false, false, false, false];
        var bits = Vector256.Create(values).AsUInt32();
        ShortestDigitsAvx2.Compute(bits, out var digits, out var exponents);
        FixedLayoutAvx2.Compute(digits, exponents, out _, out _, out var layouts);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(common[i] == (layouts.GetElement(i) != 0), $"{values[i]:R}: layout {layouts.GetElement(i)}");
        }
    }

    [Fact]
    public void The_lanes_write_sensor_ids_below_ten_to_the_eighth_as_the_scalar_writer_and_leave_the_rest_to_it()
    {
        var random = new Random(31);
        var values = new List<uint> { 0, 1, 9, 10, 99, 100, 9_999_999, 10_000_000, 99_999_999, 100_000_000, 134_217_727, 134_217_728, int.MaxValue, 2_147_483_648, uint.MaxValue };
        for (int i = 0; i < 100_000; i++)
        {
            values.Add(random.Next(4) == 0 ? (uint)random.NextInt64(0, 1L << 32) : (uint)random.Next(100_000_000));
        }

        while (values.Count % 8 != 0)
        {
            values.Add(42);
        }

        var failures = new List<string>();
        Span<byte> scalar = stackalloc byte[32];
        for (int i = 0; i < values.Count; i += 8)
        {
            var group = Vector256.Create(values.GetRange(i, 8).ToArray());
            var lanes = new List<(ulong Text, int Length, string Width)>();
            if (FixedLayoutX8.IsSupported)
            {
                FixedLayoutX8.IntegerText(group, out var text, out var length);
                lanes.AddRange(Enumerable.Range(0, 8).Select(lane => (text.GetElement(lane), length.GetElement(lane), "eight")));
            }

            if (FixedLayoutAvx2.IsSupported)
            {
                FixedLayoutAvx2.IntegerText(group, out var low, out var high, out var length);
                lanes.AddRange(Enumerable.Range(0, 8).Select(lane => (lane < 4 ? low.GetElement(lane) : high.GetElement(lane - 4), length.GetElement(lane), "AVX2")));
            }

            for (int j = 0; j < lanes.Count; j++)
            {
                uint value = group.GetElement(j % 8);
                int scalarLength = DecimalDigits.WriteSmall(ref scalar[0], value);
                var (text, length, width) = lanes[j];
                bool expectedInLanes = value < 100_000_000;
                byte[] laneBytes = BitConverter.GetBytes(text);
                if (expectedInLanes != (length != 0) || (length != 0 && (length != scalarLength || !scalar[..scalarLength].SequenceEqual(laneBytes.AsSpan(0, length)))))
                {
                    failures.Add($"{width} lanes, {value}: '{Encoding.ASCII.GetString(scalar[..scalarLength])}' expected, length {length} text '{Encoding.ASCII.GetString(laneBytes.AsSpan(0, Math.Min(length, 8)))}'");
                }
            }
        }

        Assert.True(FixedLayoutAvx2.IsSupported || !Avx2.IsSupported);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
    }

    private static void Check(uint pattern, uint digits, int exponent, ulong text, int layout, List<string> failures)
    {
        float value = BitConverter.UInt32BitsToSingle(pattern);
        uint biased = (pattern >> 23) & 0xFF;
        if (biased != 0xFF && (pattern & 0x7FFF_FFFF) != 0)
        {
            uint expected = ShortestFloatFormatter.ShortestDigits(biased, pattern & 0x7F_FFFF, out int expectedExponent);
            if (digits != expected || exponent != expectedExponent)
            {
                failures.Add($"0x{pattern:X8}: digits {expected}e{expectedExponent} expected, lanes {digits}e{exponent}");
            }
        }

        Span<byte> scalar = stackalloc byte[32];
        Span<byte> lanes = stackalloc byte[32];
        int scalarLength = ShortestFloatFormatter.Format(value, scalar);
        int laneLength = ShortestFloatFormatter.FormatWithDigits(value, digits, exponent, ref lanes[0], text, layout);
        if (!scalar[..scalarLength].SequenceEqual(lanes[..laneLength]))
        {
            failures.Add($"0x{pattern:X8}: text '{Encoding.ASCII.GetString(scalar[..scalarLength])}' expected, lanes '{Encoding.ASCII.GetString(lanes[..laneLength])}'");
        }
    }

    // Seeded random patterns, then the edges: zeros, infinities, NaN, subnormals, the largest float, and every power of
    // ten from 1E-5 to 1E+9 with its two neighbours (where the layout changes and the digit count steps).
    private static IEnumerable<uint[]> Groups(int width)
    {
        var random = new Random(20_261_129);
        var patterns = new List<uint>(RandomPatterns + 256);
        for (int i = 0; i < RandomPatterns; i++)
        {
            patterns.Add((uint)random.NextInt64(0, 1L << 32));
        }

        patterns.AddRange([0u, 0x8000_0000u, 0x7F80_0000u, 0xFF80_0000u, 0x7FC0_0000u, 0xFFC0_0001u, 1u, 0x8000_0001u, 0x007F_FFFFu, 0x0080_0000u, 0x7F7F_FFFFu, 0xFF7F_FFFFu]);
        for (int power = -5; power <= 9; power++)
        {
            uint bits = BitConverter.SingleToUInt32Bits(MathF.Pow(10, power));
            patterns.AddRange([bits - 1, bits, bits + 1, bits | 0x8000_0000u]);
        }

        while (patterns.Count % width != 0)
        {
            patterns.Add(BitConverter.SingleToUInt32Bits(1.5f));
        }

        for (int i = 0; i < patterns.Count; i += width)
        {
            yield return patterns.GetRange(i, width).ToArray();
        }
    }
}
