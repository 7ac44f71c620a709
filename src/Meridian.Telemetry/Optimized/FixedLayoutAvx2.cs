using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// <see cref="FixedLayoutX8"/> with AVX2, eight digit strings per call: the digit count and the 8-digit conversion in
/// eight 32-bit lanes (the digits as two 4-digit halves, each turned into four bytes with 32- and 16-bit multiplies,
/// as AVX2 has no 64-bit one), the point insertion in two halves of four 64-bit lanes. Exhaustively equal to the
/// scalar text on every float (<c>samples/Meridian.Telemetry.FloatCheck -- lanes</c>, run with
/// <c>DOTNET_EnableAVX512=0</c>).
/// </summary>
internal static class FixedLayoutAvx2
{
    /// <summary>Whether this machine runs the lanes (as <see cref="ShortestDigitsAvx2"/>).</summary>
    public static bool IsSupported => ShortestDigitsAvx2.IsSupported;

    /// <summary>
    /// Lays out eight <c>digits · 10^exponent</c> (from <see cref="ShortestDigitsAvx2"/>) as <c>dd.ddd</c> where that
    /// is their layout.
    /// </summary>
    /// <param name="digits">The digits, without trailing zeros.</param>
    /// <param name="exponents">The decimal exponents.</param>
    /// <param name="lowText">Lanes 0–3: the text's first 8 bytes (little-endian).</param>
    /// <param name="highText">Lanes 4–7: the text's first 8 bytes.</param>
    /// <param name="layout">Per lane, 0 where the layout is another one; otherwise the text's length (3 to 9) in the
    /// low byte and its ninth byte (scratch when shorter) in the next.</param>
    public static void Compute(Vector256<uint> digits, Vector256<int> exponents, out Vector256<ulong> lowText, out Vector256<ulong> highText, out Vector256<int> layout)
    {
        // Signed comparisons: the digits of a finite float are below 10^9 < 2^31, and other lanes are ignored.
        var count = DigitCount(digits.AsInt32());
        var scale = count + exponents;
        var common = Vector256.GreaterThan(scale, Vector256<int>.Zero)
            & Vector256.LessThan(scale, count)
            & Vector256.LessThan(count, Vector256.Create(9));

        LeftAligned(digits, count, out var shiftedLow, out var shiftedHigh);
        lowText = Insert(shiftedLow, scale.GetLower());
        highText = Insert(shiftedHigh, scale.GetUpper());
        var pick = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        var ninth = Vector256.Create(Avx2.PermuteVar8x32((shiftedLow >> 56).AsInt32(), pick).GetLower(), Avx2.PermuteVar8x32((shiftedHigh >> 56).AsInt32(), pick).GetLower());
        layout = (count + Vector256<int>.One + (ninth << 8)) & common;
    }

    /// <summary>Eight integers' decimal text (what <see cref="DecimalDigits.WriteSmall"/> writes), for those below 10^8.</summary>
    /// <param name="values">The integers.</param>
    /// <param name="lowText">Lanes 0–3: the text in the low bytes (little-endian), the rest scratch.</param>
    /// <param name="highText">Lanes 4–7, the same.</param>
    /// <param name="length">Per lane, the text's length, or 0 for a value of 10^8 or more (left to the scalar code).</param>
    public static void IntegerText(Vector256<uint> values, out Vector256<ulong> lowText, out Vector256<ulong> highText, out Vector256<int> length)
    {
        // The signed comparisons count values from 2^27 (above 10^8) on wrongly, so those are marked apart first.
        var large = ~Vector256.Equals(values >> 27, Vector256<uint>.Zero).AsInt32();
        var count = DigitCount(values.AsInt32());
        LeftAligned(values, count, out lowText, out highText);
        length = Vector256.AndNot(count & Vector256.LessThan(count, Vector256.Create(9)), large);
    }

    // 1 + the number of powers of ten (10 to 10^8) at or below each value (below 2^31): its digit count, 9 for 10^8 and
    // more.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> DigitCount(Vector256<int> values)
    {
        var count = Vector256<int>.One;
        for (int power = 10; power <= 100_000_000; power *= 10)
        {
            count -= Vector256.GreaterThan(values, Vector256.Create(power - 1));
        }

        return count;
    }

    // The scalar EightDigits as two halves of four digits (the first four in the low 32 bits of a value's text), then
    // the leading zeros shifted out, in two halves of four 64-bit lanes: the text of each value below 10^8 in its low
    // bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LeftAligned(Vector256<uint> values, Vector256<int> count, out Vector256<ulong> low, out Vector256<ulong> high)
    {
        var first = ShortestDigitsAvx2.MultiplyShift(values, 0xD1B7_1759, 45);
        var firstText = FourDigits(first);
        var secondText = FourDigits(values - (first * 10_000));
        var pairsLow = Avx2.UnpackLow(firstText, secondText).AsUInt64();
        var pairsHigh = Avx2.UnpackHigh(firstText, secondText).AsUInt64();
        var countLow = Avx2.ConvertToVector256Int64(count.GetLower()).AsUInt64();
        var countHigh = Avx2.ConvertToVector256Int64(count.GetUpper()).AsUInt64();
        low = Avx2.ShiftRightLogicalVariable(Avx2.Permute2x128(pairsLow, pairsHigh, 0x20), (Vector256.Create(8ul) - countLow) << 3);
        high = Avx2.ShiftRightLogicalVariable(Avx2.Permute2x128(pairsLow, pairsHigh, 0x31), (Vector256.Create(8ul) - countHigh) << 3);
    }

    // The point above the integral bytes and the fractional bytes one place up (four values, 64-bit lanes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Insert(Vector256<ulong> shifted, Vector128<int> scale)
    {
        var scaleBits = Avx2.ConvertToVector256Int64(scale & Vector128.Create(7)).AsUInt64() << 3;
        var integral = Avx2.ShiftLeftLogicalVariable(Vector256<ulong>.One, scaleBits) - Vector256<ulong>.One;
        return (shifted & integral) | Avx2.ShiftLeftLogicalVariable(Vector256.Create((ulong)'.'), scaleBits) | ((shifted & ~integral) << 8);
    }

    // Four decimal digits (x < 10^4) as four ASCII bytes, the first in the low byte: x / 100 and x % 100 in the two
    // 16-bit halves, then each of those as tens and units in its two bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> FourDigits(Vector256<uint> x)
    {
        var hundreds = (x * 5_243) >> 19;
        var pairs = (hundreds | ((x - (hundreds * 100)) << 16)).AsUInt16();
        var tens = (pairs * 103) >> 10;
        var text = tens | ((pairs - (tens * 10)) << 8);
        return text.AsUInt32() + Vector256.Create(0x3030_3030u);
    }
}
