using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// <see cref="ShortestFloatFormatter.ShortestDigits"/> for eight floats at once in AVX-512 lanes: the same interval
/// argument, the same table and the same integer steps, with every branch of the scalar search turned into a lane
/// selection. Exhaustively equal to the scalar search on every finite nonzero float
/// (<c>samples/Meridian.Telemetry.FloatCheck -- lanes</c>).
/// </summary>
/// <remarks>
/// The scalar search is about 75 instructions per float, three of them 64×64→128-bit multiplies; here the 64-bit high
/// halves are built from four 32×32→64 multiplies each (there is no wider one), which eight lanes share (four AVX2
/// lanes in place of these made the streamed pipeline only 2.3 % faster; <see cref="ShortestDigitsAvx2"/> is how AVX2
/// does eight).
/// Zeros, infinities and NaNs are left to the caller (their lanes give unspecified digits, without looping or
/// throwing).
/// </remarks>
internal static class ShortestDigitsX8
{
    /// <summary>Whether this machine runs the lanes (x64 with AVX-512 that the runtime uses for 512-bit vectors, which it
    /// does not on CPUs that slow down for them); otherwise callers use the scalar search.</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated && BitConverter.IsLittleEndian;

    /// <summary>The shortest, closest decimal <c>digits · 10^exponent</c> of eight finite nonzero floats.</summary>
    /// <param name="bits">The floats' bit patterns.</param>
    /// <param name="digits">The digits, without trailing zeros.</param>
    /// <param name="exponents">The decimal exponents.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compute(Vector256<uint> bits, out Vector256<uint> digits, out Vector256<int> exponents)
    {
        // Exponent arithmetic in 32-bit lanes (as the scalar int arithmetic).
        var biased = (bits >> 23) & Vector256.Create(0xFFu);
        var fraction = bits & Vector256.Create(0x7F_FFFFu);
        var isNormal = ~Vector256.Equals(biased, Vector256<uint>.Zero);
        var c = fraction | (Vector256.Create(1u << 23) & isNormal);
        var q = Vector256.ConditionalSelect(isNormal.AsInt32(), biased.AsInt32() - Vector256.Create(127 + 23), Vector256.Create(1 - 127 - 23));
        var irregular = Vector256.Equals(fraction, Vector256<uint>.Zero) & Vector256.GreaterThan(biased, Vector256.Create(1u));

        // k: floor(log10(2^q)), or floor(log10(3/4 · 2^q)) for the irregular spacing below a power of two.
        var k = Vector256.ShiftRightArithmetic((q * 78913) - (irregular.AsInt32() & Vector256.Create(32752)), 18);
        var minusK = -k;
        var shift = (q + Vector256.ShiftRightArithmetic(minusK * 1741647, 19) + Vector256.Create(33)) & Vector256.Create(63);
        var g = Vector512.Create(
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(0)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(1)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(2)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(3)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(4)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(5)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(6)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(7)));

        // The mantissa side in 64-bit lanes.
        var shift64 = Avx512F.ConvertToVector512Int64(shift).AsUInt64();
        var cb = Avx512F.ConvertToVector512Int64(c).AsUInt64() << 2;
        var irregular64 = Avx512F.ConvertToVector512Int64(irregular.AsInt32()).AsUInt64();
        var lowerDistance = Vector512.ConditionalSelect(irregular64, Vector512.Create(1ul), Vector512.Create(2ul));
        var gHigh = g >> 32;
        var vb = ScaleRoundToOdd(g, gHigh, Avx512F.ShiftLeftLogicalVariable(cb, shift64));
        var vbl = ScaleRoundToOdd(g, gHigh, Avx512F.ShiftLeftLogicalVariable(cb - lowerDistance, shift64));
        var vbr = ScaleRoundToOdd(g, gHigh, Avx512F.ShiftLeftLogicalVariable(cb + Vector512.Create(2ul), shift64));
        var excluded = Avx512F.ConvertToVector512Int64(c & Vector256.Create(1u)).AsInt64();

        // As the scalar search: all values below 2^36, so signed 64-bit comparisons are exact.
        var s = (vb >> 2).AsInt64();
        var sp10 = Times10(DivideBy10(s));
        var tp10 = sp10 + Vector512.Create(10L);
        var lowBound = vbl.AsInt64() + excluded;
        var highBound = vbr.AsInt64();
        var shorterBelow = Vector512.LessThanOrEqual(lowBound, sp10 << 2);
        var shorterAbove = Vector512.LessThanOrEqual((tp10 << 2) + excluded, highBound);
        var t = s + Vector512.Create(1L);
        var lowerIn = Vector512.LessThanOrEqual(lowBound, s << 2);
        var upperIn = Vector512.LessThanOrEqual((t << 2) + excluded, highBound);
        var toMidpoint = vb.AsInt64() - ((s << 2) + Vector512.Create(2L));
        var closerBelow = Vector512.LessThan(toMidpoint, Vector512<long>.Zero)
            | (Vector512.Equals(toMidpoint, Vector512<long>.Zero) & Vector512.Equals(s & Vector512.Create(1L), Vector512<long>.Zero));
        var takeS = Vector512.ConditionalSelect(lowerIn ^ upperIn, lowerIn, closerBelow);
        var closest = Vector512.ConditionalSelect(takeS, s, t);

        // The shorter candidate (a multiple of 10 in the interval) loses its trailing zeros, one division per round
        // while any lane still has one.
        var shorter = shorterBelow | shorterAbove;
        var trimmed = Vector512.ConditionalSelect(shorterBelow, sp10, tp10);
        var k64 = Avx512F.ConvertToVector512Int64(k);
        var trimmedExponent = k64;
        var active = shorter & ~Vector512.Equals(trimmed, Vector512<long>.Zero);
        while (active != Vector512<long>.Zero)
        {
            var tenth = DivideBy10(trimmed);
            trimmed = Vector512.ConditionalSelect(active, tenth, trimmed);
            trimmedExponent -= active;
            active &= Vector512.Equals(trimmed - Times10(DivideBy10(trimmed)), Vector512<long>.Zero);
        }

        var result = Vector512.ConditionalSelect(shorter, trimmed, closest);
        var exponent = Vector512.ConditionalSelect(shorter, trimmedExponent, k64);

        // The low 32 bits of each 64-bit lane, packed into eight (VPMOVQD).
        digits = Avx512F.ConvertToVector256UInt32(result.AsUInt64());
        exponents = Avx512F.ConvertToVector256Int32(exponent);
    }

    // The high 32 bits of (g·cp) / 2^64 with the lowest bit set when the 32 bits below them are not zero (as the scalar
    // ScaleRoundToOdd), the 128-bit product from four 32×32→64-bit multiplies.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> ScaleRoundToOdd(Vector512<ulong> g, Vector512<ulong> gHigh, Vector512<ulong> cp)
    {
        var low32 = Vector512.Create(0xFFFF_FFFFul);
        var cpHigh = cp >> 32;
        var lowLow = Avx512F.Multiply(g.AsUInt32(), cp.AsUInt32());
        var lowHigh = Avx512F.Multiply(g.AsUInt32(), cpHigh.AsUInt32());
        var highLow = Avx512F.Multiply(gHigh.AsUInt32(), cp.AsUInt32());
        var highHigh = Avx512F.Multiply(gHigh.AsUInt32(), cpHigh.AsUInt32());
        var middle = (lowLow >> 32) + (lowHigh & low32) + (highLow & low32);
        var high = highHigh + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
        var sticky = Vector512.AndNot(Vector512.Create(1ul), Vector512.Equals(high & low32, Vector512<ulong>.Zero));
        return (high >> 32) | sticky;
    }

    // 10·x by shifts (AVX2 has no 64-bit multiply).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Times10(Vector512<long> x) => (x << 3) + (x << 1);

    // floor(x / 10) for 0 <= x < 2^32, by the multiply-shift the JIT uses for a scalar uint.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> DivideBy10(Vector512<long> x) =>
        (Avx512F.Multiply(x.AsUInt32(), Vector512.Create(0xCCCC_CCCDul).AsUInt32()) >> 35).AsInt64();
}
