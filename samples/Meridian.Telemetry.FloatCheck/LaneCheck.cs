using System.Diagnostics;
using System.Runtime.Intrinsics;
using Meridian.Telemetry.Optimized;

/// <summary>
/// Every finite nonzero float's digits and exponent from the emitter's lanes (<see cref="ShortestDigitsX8"/>, or
/// <see cref="ShortestDigitsAvx2"/> where 512-bit vectors are not used, e.g. with <c>DOTNET_EnableAVX512=0</c>) against <see cref="ShortestFloatFormatter.ShortestDigits"/>, which the text check proves against .NET; and
/// every float's text as the emitter writes it from the lanes (<see cref="FixedLayoutX8"/> where it applies) against
/// the scalar formatter's.
/// </summary>
internal static class LaneCheck
{
    public static int Run(int threads)
    {
        bool wide = FixedLayoutX8.IsSupported;
        if (!wide && !FixedLayoutAvx2.IsSupported)
        {
            Console.WriteLine("This machine has no AVX2: the emitter uses the scalar search and layout, nothing to check.");
            return 0;
        }

        Console.WriteLine(wide ? "Checking the eight AVX-512 lanes (ShortestDigitsX8, FixedLayoutX8)." : "Checking the AVX2 lanes (ShortestDigitsAvx2, FixedLayoutAvx2).");
        const int ChunkBits = 24;
        long mismatches = 0;
        long compared = 0;
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(
            0,
            256,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            chunk =>
            {
                long localCompared = 0;
                Span<byte> scalar = stackalloc byte[32];
                Span<byte> lanes = stackalloc byte[32];
                uint start = (uint)chunk << ChunkBits;
                for (uint i = 0; i < 1u << ChunkBits; i += 8)
                {
                    var bits = Vector256.Create(start + i, start + i + 1, start + i + 2, start + i + 3, start + i + 4, start + i + 5, start + i + 6, start + i + 7);
                    Vector256<uint> digits;
                    Vector256<int> exponents;
                    Vector512<ulong> texts;
                    Vector256<int> layouts;
                    if (wide)
                    {
                        ShortestDigitsX8.Compute(bits, out digits, out exponents);
                        FixedLayoutX8.Compute(digits, exponents, out texts, out layouts);
                    }
                    else
                    {
                        ShortestDigitsAvx2.Compute(bits, out digits, out exponents);
                        FixedLayoutAvx2.Compute(digits, exponents, out var lowTexts, out var highTexts, out layouts);
                        texts = Vector512.Create(lowTexts, highTexts);
                    }

                    for (int lane = 0; lane < 8; lane++)
                    {
                        uint pattern = bits.GetElement(lane);
                        float value = BitConverter.UInt32BitsToSingle(pattern);
                        int scalarLength = ShortestFloatFormatter.Format(value, scalar);
                        int laneLength = ShortestFloatFormatter.FormatWithDigits(value, digits.GetElement(lane), exponents.GetElement(lane), ref lanes[0], texts.GetElement(lane), layouts.GetElement(lane));
                        if (!scalar[..scalarLength].SequenceEqual(lanes[..laneLength]) && Interlocked.Increment(ref mismatches) <= 20)
                        {
                            Console.WriteLine($"TEXT MISMATCH 0x{pattern:X8}: expected '{System.Text.Encoding.ASCII.GetString(scalar[..scalarLength])}', got '{System.Text.Encoding.ASCII.GetString(lanes[..laneLength])}'");
                        }

                        uint biased = (pattern >> 23) & 0xFF;
                        if (biased == 0xFF || (pattern & 0x7FFF_FFFF) == 0)
                        {
                            continue;
                        }

                        localCompared++;
                        uint expected = ShortestFloatFormatter.ShortestDigits(biased, pattern & 0x7F_FFFF, out int exponent);
                        if (digits.GetElement(lane) != expected || exponents.GetElement(lane) != exponent)
                        {
                            if (Interlocked.Increment(ref mismatches) <= 20)
                            {
                                Console.WriteLine($"MISMATCH 0x{pattern:X8}: expected {expected}e{exponent}, got {digits.GetElement(lane)}e{exponents.GetElement(lane)}");
                            }
                        }
                    }
                }

                Interlocked.Add(ref compared, localCompared);
            });

        Console.WriteLine($"Compared {compared} finite nonzero patterns in {stopwatch.Elapsed.TotalSeconds:F0} s: {mismatches} mismatches.");
        return mismatches == 0 && compared == (1L << 32) - (1L << 24) - 2 ? 0 : 1;
    }
}
