using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// <see cref="ShortestDigitsX8"/> in four AVX2 lanes, for machines without 512-bit vectors (or whose runtime does not
/// use them): the same steps with 256-bit vectors. Exhaustively equal to the scalar search on every finite nonzero
/// float (<c>samples/Meridian.Telemetry.FloatCheck -- lanes</c>, run with <c>DOTNET_EnableAVX512=0</c>).
/// </summary>
/// <remarks>
/// A copy of <see cref="ShortestDigitsX8"/> at half the width: .NET has no public interface over its vector types, and
/// the width is where the speed comes from, so each width has its own code, as the aggregator's lane reductions do.
/// </remarks>
internal static class ShortestDigitsX4
{
    /// <summary>Whether this machine runs the lanes (x64 with AVX2).</summary>
    public static bool IsSupported => Avx2.IsSupported && BitConverter.IsLittleEndian;

    /// <summary>The shortest, closest decimal <c>digits · 10^exponent</c> of four finite nonzero floats.</summary>
    /// <param name="bits">The floats' bit patterns.</param>
    /// <param name="digits">The digits, without trailing zeros.</param>
    /// <param name="exponents">The decimal exponents.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compute(Vector128<uint> bits, out Vector128<uint> digits, out Vector128<int> exponents)
    {
        // Exponent arithmetic in 32-bit lanes (as the scalar int arithmetic).
        var biased = (bits >> 23) & Vector128.Create(0xFFu);
        var fraction = bits & Vector128.Create(0x7F_FFFFu);
        var isNormal = ~Vector128.Equals(biased, Vector128<uint>.Zero);
        var c = fraction | (Vector128.Create(1u << 23) & isNormal);
        var q = Vector128.ConditionalSelect(isNormal.AsInt32(), biased.AsInt32() - Vector128.Create(127 + 23), Vector128.Create(1 - 127 - 23));
        var irregular = Vector128.Equals(fraction, Vector128<uint>.Zero) & Vector128.GreaterThan(biased, Vector128.Create(1u));

        // k: floor(log10(2^q)), or floor(log10(3/4 · 2^q)) for the irregular spacing below a power of two.
        var k = Vector128.ShiftRightArithmetic((q * 78913) - (irregular.AsInt32() & Vector128.Create(32752)), 18);
        var minusK = -k;
        var shift = (q + Vector128.ShiftRightArithmetic(minusK * 1741647, 19) + Vector128.Create(33)) & Vector128.Create(63);
        var g = Vector256.Create(
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(0)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(1)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(2)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(3)));

        // The mantissa side in 64-bit lanes.
        var shift64 = Avx2.ConvertToVector256Int64(shift).AsUInt64();
        var cb = Avx2.ConvertToVector256Int64(c).AsUInt64() << 2;
        var irregular64 = Avx2.ConvertToVector256Int64(irregular.AsInt32()).AsUInt64();
        var lowerDistance = Vector256.ConditionalSelect(irregular64, Vector256.Create(1ul), Vector256.Create(2ul));
        var gHigh = g >> 32;
        var vb = ScaleRoundToOdd(g, gHigh, Avx2.ShiftLeftLogicalVariable(cb, shift64));
        var vbl = ScaleRoundToOdd(g, gHigh, Avx2.ShiftLeftLogicalVariable(cb - lowerDistance, shift64));
        var vbr = ScaleRoundToOdd(g, gHigh, Avx2.ShiftLeftLogicalVariable(cb + Vector256.Create(2ul), shift64));
        var excluded = Avx2.ConvertToVector256Int64(c & Vector128.Create(1u)).AsInt64();

        // As the scalar search: all values below 2^36, so signed 64-bit comparisons are exact.
        var s = (vb >> 2).AsInt64();
        var sp10 = Times10(DivideBy10(s));
        var tp10 = sp10 + Vector256.Create(10L);
        var lowBound = vbl.AsInt64() + excluded;
        var highBound = vbr.AsInt64();
        var shorterBelow = Vector256.LessThanOrEqual(lowBound, sp10 << 2);
        var shorterAbove = Vector256.LessThanOrEqual((tp10 << 2) + excluded, highBound);
        var t = s + Vector256.Create(1L);
        var lowerIn = Vector256.LessThanOrEqual(lowBound, s << 2);
        var upperIn = Vector256.LessThanOrEqual((t << 2) + excluded, highBound);
        var toMidpoint = vb.AsInt64() - ((s << 2) + Vector256.Create(2L));
        var closerBelow = Vector256.LessThan(toMidpoint, Vector256<long>.Zero)
            | (Vector256.Equals(toMidpoint, Vector256<long>.Zero) & Vector256.Equals(s & Vector256.Create(1L), Vector256<long>.Zero));
        var takeS = Vector256.ConditionalSelect(lowerIn ^ upperIn, lowerIn, closerBelow);
        var closest = Vector256.ConditionalSelect(takeS, s, t);

        // The shorter candidate (a multiple of 10 in the interval) loses its trailing zeros, one division per round
        // while any lane still has one.
        var shorter = shorterBelow | shorterAbove;
        var trimmed = Vector256.ConditionalSelect(shorterBelow, sp10, tp10);
        var k64 = Avx2.ConvertToVector256Int64(k);
        var trimmedExponent = k64;
        var active = shorter & ~Vector256.Equals(trimmed, Vector256<long>.Zero);
        while (active != Vector256<long>.Zero)
        {
            var tenth = DivideBy10(trimmed);
            trimmed = Vector256.ConditionalSelect(active, tenth, trimmed);
            trimmedExponent -= active;
            active &= Vector256.Equals(trimmed - Times10(DivideBy10(trimmed)), Vector256<long>.Zero);
        }

        var result = Vector256.ConditionalSelect(shorter, trimmed, closest);
        var exponent = Vector256.ConditionalSelect(shorter, trimmedExponent, k64);

        // The low 32 bits of each 64-bit lane, packed into four.
        var pick = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        digits = Avx2.PermuteVar8x32(result.AsUInt32(), pick.AsUInt32()).GetLower();
        exponents = Avx2.PermuteVar8x32(exponent.AsInt32(), pick).GetLower();
    }

    // The high 32 bits of (g·cp) / 2^64 with the lowest bit set when the 32 bits below them are not zero (as the scalar
    // ScaleRoundToOdd), the 128-bit product from four 32×32→64-bit multiplies.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> ScaleRoundToOdd(Vector256<ulong> g, Vector256<ulong> gHigh, Vector256<ulong> cp)
    {
        var low32 = Vector256.Create(0xFFFF_FFFFul);
        var cpHigh = cp >> 32;
        var lowLow = Avx2.Multiply(g.AsUInt32(), cp.AsUInt32());
        var lowHigh = Avx2.Multiply(g.AsUInt32(), cpHigh.AsUInt32());
        var highLow = Avx2.Multiply(gHigh.AsUInt32(), cp.AsUInt32());
        var highHigh = Avx2.Multiply(gHigh.AsUInt32(), cpHigh.AsUInt32());
        var middle = (lowLow >> 32) + (lowHigh & low32) + (highLow & low32);
        var high = highHigh + (lowHigh >> 32) + (highLow >> 32) + (middle >> 32);
        var sticky = Vector256.AndNot(Vector256.Create(1ul), Vector256.Equals(high & low32, Vector256<ulong>.Zero));
        return (high >> 32) | sticky;
    }

    // 10·x by shifts (AVX2 has no 64-bit multiply).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Times10(Vector256<long> x) => (x << 3) + (x << 1);

    // floor(x / 10) for 0 <= x < 2^32, by the multiply-shift the JIT uses for a scalar uint.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> DivideBy10(Vector256<long> x) =>
        (Avx2.Multiply(x.AsUInt32(), Vector256.Create(0xCCCC_CCCDul).AsUInt32()) >> 35).AsInt64();
}
