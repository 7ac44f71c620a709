using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// <see cref="FixedLayoutX8"/> in four AVX2 lanes (see <see cref="ShortestDigitsX4"/> for why each width has its own
/// code); AVX2 has no 64-bit multiply, so the 8-digit conversion's multiplies by small constants are built from two
/// 32×32→64-bit ones. Exhaustively equal to the scalar text on every float
/// (<c>samples/Meridian.Telemetry.FloatCheck -- lanes</c>, run with <c>DOTNET_EnableAVX512=0</c>).
/// </summary>
internal static class FixedLayoutX4
{
    /// <summary>Whether this machine runs the lanes (as <see cref="ShortestDigitsX4"/>).</summary>
    public static bool IsSupported => ShortestDigitsX4.IsSupported;

    /// <summary>
    /// Lays out four <c>digits · 10^exponent</c> (from <see cref="ShortestDigitsX4"/>) as <c>dd.ddd</c> where that is
    /// their layout.
    /// </summary>
    /// <param name="digits">The digits, without trailing zeros.</param>
    /// <param name="exponents">The decimal exponents.</param>
    /// <param name="text">Per lane, the text's first 8 bytes (little-endian).</param>
    /// <param name="layout">Per lane, 0 where the layout is another one; otherwise the text's length (3 to 9) in the
    /// low byte and its ninth byte (scratch when shorter) in the next.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compute(Vector128<uint> digits, Vector128<int> exponents, out Vector256<ulong> text, out Vector128<int> layout)
    {
        // Digit counts by comparisons: 1 + the number of powers of ten (10 to 10^8) at or below the digits.
        var count = Vector128.Create(1);
        for (uint power = 10; power <= 100_000_000; power *= 10)
        {
            count -= Vector128.GreaterThanOrEqual(digits, Vector128.Create(power)).AsInt32();
        }

        var scale = count + exponents;
        var common = Vector128.GreaterThanOrEqual(scale, Vector128.Create(1))
            & Vector128.LessThan(scale, count)
            & Vector128.LessThanOrEqual(count, Vector128.Create(8));

        // The scalar EightDigits in each 64-bit lane: 4 + 4 digits, then pairs, then single digits, one per byte.
        var value = Avx2.ConvertToVector256Int64(digits).AsUInt64();
        var high = Avx2.Multiply(value.AsUInt32(), Vector256.Create(0xD1B7_1759ul).AsUInt32()) >> 45;
        var x = high | ((value - Avx2.Multiply(high.AsUInt32(), Vector256.Create(10_000ul).AsUInt32())) << 32);
        var hundreds = (TimesSmall(x, 10_486) >> 20) & Vector256.Create(0x0000_007F_0000_007Ful);
        x = hundreds | ((x - TimesSmall(hundreds, 100)) << 16);
        var tens = (TimesSmall(x, 103) >> 10) & Vector256.Create(0x000F_000F_000F_000Ful);
        x = tens | ((x - TimesSmall(tens, 10)) << 8);
        var eight = x + Vector256.Create(0x3030_3030_3030_3030ul);

        // The leading zeros out, then the point above the integral bytes and the fractional bytes one place up.
        var count64 = Avx2.ConvertToVector256Int64(count).AsUInt64();
        var scaleBits = Avx2.ConvertToVector256Int64(scale & Vector128.Create(7)).AsUInt64() << 3;
        var shifted = Avx2.ShiftRightLogicalVariable(eight, (Vector256.Create(8ul) - count64) << 3);
        var integral = Avx2.ShiftLeftLogicalVariable(Vector256.Create(1ul), scaleBits) - Vector256<ulong>.One;
        text = (shifted & integral) | Avx2.ShiftLeftLogicalVariable(Vector256.Create((ulong)'.'), scaleBits) | ((shifted & ~integral) << 8);
        var ninth = Avx2.PermuteVar8x32((shifted >> 56).AsInt32(), Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6)).GetLower();
        layout = (count + Vector128<int>.One + (ninth << 8)) & common;
    }

    // x · small mod 2^64 from two 32×32→64-bit multiplies (AVX2 has no 64-bit one): the low half's product, plus the
    // high half's shifted up.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> TimesSmall(Vector256<ulong> x, uint small)
    {
        var factor = Vector256.Create((ulong)small).AsUInt32();
        return Avx2.Multiply(x.AsUInt32(), factor) + (Avx2.Multiply((x >> 32).AsUInt32(), factor) << 32);
    }
}
