using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// <see cref="ShortestDigitsX8"/> with AVX2, for machines without 512-bit vectors (or whose runtime does not use them):
/// eight floats per call, the exponent arithmetic and everything after the three multiplies in eight 32-bit lanes, the
/// multiplies themselves in two halves of four 64-bit lanes. Exhaustively equal to the scalar search on every finite
/// nonzero float (<c>samples/Meridian.Telemetry.FloatCheck -- lanes</c>, run with <c>DOTNET_EnableAVX512=0</c>).
/// </summary>
/// <remarks>
/// A second copy of the search: .NET has no public interface over its vector types, and the lane layout differs. After
/// the multiplies every value is below 2^31 (the scaled value is below 10 · 2^24 and the bounds within a few units of
/// it), so 32-bit signed comparisons decide what the 64-bit ones of <see cref="ShortestDigitsX8"/> do; the division by
/// ten takes the even and the odd lanes' 32×32→64-bit products (AVX2 has no 32-bit high multiply). Four lanes per call
/// were measured first: a call took about as long as one of eight (4.9 against 2.9 ns per float), so eight it is.
/// </remarks>
internal static class ShortestDigitsAvx2
{
    /// <summary>Whether this machine runs the lanes (x64 with AVX2).</summary>
    public static bool IsSupported => Avx2.IsSupported && BitConverter.IsLittleEndian;

    /// <summary>The shortest, closest decimal <c>digits · 10^exponent</c> of eight finite nonzero floats.</summary>
    /// <param name="bits">The floats' bit patterns.</param>
    /// <param name="digits">The digits, without trailing zeros.</param>
    /// <param name="exponents">The decimal exponents.</param>
    public static void Compute(Vector256<uint> bits, out Vector256<uint> digits, out Vector256<int> exponents)
    {
        // Exponent arithmetic in 32-bit lanes (as the scalar int arithmetic).
        var biased = ((bits >> 23) & Vector256.Create(0xFFu)).AsInt32();
        var fraction = bits & Vector256.Create(0x7F_FFFFu);
        var isNormal = ~Vector256.Equals(biased, Vector256<int>.Zero);
        var c = fraction | (Vector256.Create(1u << 23) & isNormal.AsUInt32());
        var q = Vector256.ConditionalSelect(isNormal, biased - Vector256.Create(127 + 23), Vector256.Create(1 - 127 - 23));
        var irregular = Vector256.Equals(fraction, Vector256<uint>.Zero).AsInt32() & Vector256.GreaterThan(biased, Vector256.Create(1));

        // k: floor(log10(2^q)), or floor(log10(3/4 · 2^q)) for the irregular spacing below a power of two.
        var k = Vector256.ShiftRightArithmetic((q * 78913) - (irregular & Vector256.Create(32752)), 18);
        var minusK = -k;
        var shift = (q + Vector256.ShiftRightArithmetic(minusK * 1741647, 19) + Vector256.Create(33)) & Vector256.Create(63);
        var lowerDistance = Vector256.ConditionalSelect(irregular, Vector256.Create(1), Vector256.Create(2));

        // The three multiplies in two halves of four 64-bit lanes.
        Scale(minusK, shift, c, lowerDistance, 0, out var vbLow, out var vblLow, out var vbrLow);
        Scale(minusK, shift, c, lowerDistance, 4, out var vbHigh, out var vblHigh, out var vbrHigh);
        var vb = Pack(vbLow, vbHigh);
        var vbl = Pack(vblLow, vblHigh);
        var vbr = Pack(vbrLow, vbrHigh);
        var excluded = (c & Vector256<uint>.One).AsInt32();

        // As the scalar search, in 32-bit lanes (all values below 2^31: signed comparisons are exact).
        var s = (vb >> 2).AsInt32();
        var sp10 = Times10(DivideBy10(s.AsUInt32()).AsInt32());
        var tp10 = sp10 + Vector256.Create(10);
        var lowBound = vbl.AsInt32() + excluded;
        var highBound = vbr.AsInt32();
        var shorterBelow = Vector256.LessThanOrEqual(lowBound, sp10 << 2);
        var shorterAbove = Vector256.LessThanOrEqual((tp10 << 2) + excluded, highBound);
        var t = s + Vector256<int>.One;
        var lowerIn = Vector256.LessThanOrEqual(lowBound, s << 2);
        var upperIn = Vector256.LessThanOrEqual((t << 2) + excluded, highBound);
        var toMidpoint = vb.AsInt32() - ((s << 2) + Vector256.Create(2));
        var closerBelow = Vector256.LessThan(toMidpoint, Vector256<int>.Zero)
            | (Vector256.Equals(toMidpoint, Vector256<int>.Zero) & Vector256.Equals(s & Vector256<int>.One, Vector256<int>.Zero));
        var takeS = Vector256.ConditionalSelect(lowerIn ^ upperIn, lowerIn, closerBelow);
        var closest = Vector256.ConditionalSelect(takeS, s, t);

        // The shorter candidate (a multiple of 10 in the interval) loses its trailing zeros, one division per round
        // while any lane still has one.
        var shorter = shorterBelow | shorterAbove;
        var trimmed = Vector256.ConditionalSelect(shorterBelow, sp10, tp10);
        var trimmedExponent = k;
        var active = shorter & ~Vector256.Equals(trimmed, Vector256<int>.Zero);
        while (active != Vector256<int>.Zero)
        {
            var tenth = DivideBy10(trimmed.AsUInt32()).AsInt32();
            trimmed = Vector256.ConditionalSelect(active, tenth, trimmed);
            trimmedExponent -= active;
            active &= Vector256.Equals(trimmed - Times10(DivideBy10(trimmed.AsUInt32()).AsInt32()), Vector256<int>.Zero);
        }

        digits = Vector256.ConditionalSelect(shorter, trimmed, closest).AsUInt32();
        exponents = Vector256.ConditionalSelect(shorter, trimmedExponent, k);
    }

    // vb, vbl and vbr of lanes first..first+3 in 64-bit lanes, as the scalar ScaleRoundToOdd gives them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(Vector256<int> minusK, Vector256<int> shift, Vector256<uint> c, Vector256<int> lowerDistance, int first, out Vector256<ulong> vb, out Vector256<ulong> vbl, out Vector256<ulong> vbr)
    {
        var g = Vector256.Create(
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(first)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(first + 1)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(first + 2)),
            ShortestFloatFormatter.Pow10Significand(minusK.GetElement(first + 3)));
        var half = first == 0 ? 0 : 1;
        var shift64 = Avx2.ConvertToVector256Int64(Half(shift, half)).AsUInt64();
        var cb = Avx2.ConvertToVector256Int64(Half(c.AsInt32(), half)).AsUInt64() << 2;
        var lower = Avx2.ConvertToVector256Int64(Half(lowerDistance, half)).AsUInt64();
        var gHigh = g >> 32;
        vb = ScaleRoundToOdd(g, gHigh, Avx2.ShiftLeftLogicalVariable(cb, shift64));
        vbl = ScaleRoundToOdd(g, gHigh, Avx2.ShiftLeftLogicalVariable(cb - lower, shift64));
        vbr = ScaleRoundToOdd(g, gHigh, Avx2.ShiftLeftLogicalVariable(cb + Vector256.Create(2ul), shift64));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Half(Vector256<int> lanes, int half) => half == 0 ? lanes.GetLower() : lanes.GetUpper();

    // The low 32 bits of each 64-bit lane of two halves, as eight lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Pack(Vector256<ulong> low, Vector256<ulong> high)
    {
        var pick = Vector256.Create(0u, 2, 4, 6, 0, 2, 4, 6);
        return Vector256.Create(Avx2.PermuteVar8x32(low.AsUInt32(), pick).GetLower(), Avx2.PermuteVar8x32(high.AsUInt32(), pick).GetLower());
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

    // 10·x by shifts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Times10(Vector256<int> x) => (x << 3) + (x << 1);

    // floor(x / 10) for every 32-bit x.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> DivideBy10(Vector256<uint> x) => MultiplyShift(x, 0xCCCC_CCCD, 35);

    /// <summary>
    /// <c>(x · magic) &gt;&gt; shift</c> of every 32-bit lane with a 64-bit product (the JIT's division by a constant):
    /// the even and the odd lanes' 32×32→64-bit products, the odd results moved back up. AVX2 has no 32-bit high
    /// multiply.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<uint> MultiplyShift(Vector256<uint> x, uint magic, [ConstantExpected(Min = 32, Max = 63)] byte shift)
    {
        var factor = Vector256.Create((ulong)magic).AsUInt32();
        var even = Avx2.Multiply(x, factor) >> shift;
        var odd = Avx2.Multiply((x.AsUInt64() >> 32).AsUInt32(), factor) >> shift;
        return (even | (odd << 32)).AsUInt32();
    }
}
