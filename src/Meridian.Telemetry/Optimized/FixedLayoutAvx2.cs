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
        // Digit counts by comparisons: 1 + the number of powers of ten (10 to 10^8) at or below the digits; signed (the
        // digits of a finite float are below 10^9 < 2^31, and other lanes are ignored).
        var value = digits.AsInt32();
        var count = Vector256<int>.One;
        for (int power = 10; power <= 100_000_000; power *= 10)
        {
            count -= Vector256.GreaterThan(value, Vector256.Create(power - 1));
        }

        var scale = count + exponents;
        var common = Vector256.GreaterThan(scale, Vector256<int>.Zero)
            & Vector256.LessThan(scale, count)
            & Vector256.LessThan(count, Vector256.Create(9));

        // The scalar EightDigits as two halves of four digits: the first four in the low 32 bits of a float's text.
        var first = ShortestDigitsAvx2.MultiplyShift(digits, 0xD1B7_1759, 45);
        var firstText = FourDigits(first);
        var secondText = FourDigits(digits - (first * 10_000));
        var pairsLow = Avx2.UnpackLow(firstText, secondText).AsUInt64();
        var pairsHigh = Avx2.UnpackHigh(firstText, secondText).AsUInt64();
        var eightLow = Avx2.Permute2x128(pairsLow, pairsHigh, 0x20);
        var eightHigh = Avx2.Permute2x128(pairsLow, pairsHigh, 0x31);

        lowText = Insert(eightLow, count.GetLower(), scale.GetLower(), out var ninthLow);
        highText = Insert(eightHigh, count.GetUpper(), scale.GetUpper(), out var ninthHigh);
        var pick = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        var ninth = Vector256.Create(Avx2.PermuteVar8x32(ninthLow.AsInt32(), pick).GetLower(), Avx2.PermuteVar8x32(ninthHigh.AsInt32(), pick).GetLower());
        layout = (count + Vector256<int>.One + (ninth << 8)) & common;
    }

    // The leading zeros out, then the point above the integral bytes and the fractional bytes one place up (four
    // floats, 64-bit lanes); the byte pushed out of the word is the ninth.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Insert(Vector256<ulong> eight, Vector128<int> count, Vector128<int> scale, out Vector256<ulong> ninth)
    {
        var count64 = Avx2.ConvertToVector256Int64(count).AsUInt64();
        var scaleBits = Avx2.ConvertToVector256Int64(scale & Vector128.Create(7)).AsUInt64() << 3;
        var shifted = Avx2.ShiftRightLogicalVariable(eight, (Vector256.Create(8ul) - count64) << 3);
        var integral = Avx2.ShiftLeftLogicalVariable(Vector256<ulong>.One, scaleBits) - Vector256<ulong>.One;
        ninth = shifted >> 56;
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
