using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// The most common text layout of <see cref="ShortestFloatFormatter"/>, <c>dd.ddd</c> (at most 8 digits, at least one
/// on each side of the point), for eight digit strings at once in AVX-512 lanes: the same 8-digit conversion and point
/// insertion as the scalar layout, without its branches. The other layouts are left to the scalar code. Exhaustively
/// equal to the scalar text on every float (<c>samples/Meridian.Telemetry.FloatCheck -- lanes</c>).
/// </summary>
internal static class FixedLayoutX8
{
    /// <summary>Whether this machine runs the lanes (as <see cref="ShortestDigitsX8"/>, and the 64-bit multiply of
    /// AVX-512DQ).</summary>
    public static bool IsSupported => ShortestDigitsX8.IsSupported && Avx512DQ.IsSupported;

    /// <summary>
    /// Lays out eight <c>digits · 10^exponent</c> (from <see cref="ShortestDigitsX8"/>) as <c>dd.ddd</c> where that is
    /// their layout.
    /// </summary>
    /// <param name="digits">The digits, without trailing zeros.</param>
    /// <param name="exponents">The decimal exponents.</param>
    /// <param name="text">Per lane, the text's first 8 bytes (little-endian).</param>
    /// <param name="layout">Per lane, 0 where the layout is another one; otherwise the text's length (3 to 9) in the
    /// low byte and its ninth byte (scratch when shorter) in the next.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Compute(Vector256<uint> digits, Vector256<int> exponents, out Vector512<ulong> text, out Vector256<int> layout)
    {
        var count = DigitCount(digits);
        var scale = count + exponents;
        var common = Vector256.GreaterThanOrEqual(scale, Vector256.Create(1))
            & Vector256.LessThan(scale, count)
            & Vector256.LessThanOrEqual(count, Vector256.Create(8));

        // The point above the integral bytes and the fractional bytes one place up.
        var shifted = LeftAligned(digits, count);
        var scaleBits = Avx512F.ConvertToVector512UInt64(scale.AsUInt32() & Vector256.Create(7u)) << 3;
        var integral = Avx512F.ShiftLeftLogicalVariable(Vector512.Create(1ul), scaleBits) - Vector512<ulong>.One;
        text = (shifted & integral) | Avx512F.ShiftLeftLogicalVariable(Vector512.Create((ulong)'.'), scaleBits) | ((shifted & ~integral) << 8);
        var ninth = Avx512F.ConvertToVector256Int32(shifted >> 56);
        layout = (count + Vector256<int>.One + (ninth << 8)) & common;
    }

    /// <summary>Eight integers' decimal text (what <see cref="DecimalDigits.WriteSmall"/> writes), for those below 10^8.</summary>
    /// <param name="values">The integers.</param>
    /// <param name="text">Per lane, the text in the low bytes (little-endian), the rest scratch.</param>
    /// <param name="length">Per lane, the text's length, or 0 for a value of 10^8 or more (left to the scalar code).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void IntegerText(Vector256<uint> values, out Vector512<ulong> text, out Vector256<int> length)
    {
        var count = DigitCount(values);
        text = LeftAligned(values, count);
        length = count & Vector256.LessThanOrEqual(count, Vector256.Create(8));
    }

    // 1 + the number of powers of ten (10 to 10^8) at or below each value: its digit count, 9 for 10^8 and more.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> DigitCount(Vector256<uint> values)
    {
        var count = Vector256<int>.One;
        for (uint power = 10; power <= 100_000_000; power *= 10)
        {
            count -= Vector256.GreaterThanOrEqual(values, Vector256.Create(power)).AsInt32();
        }

        return count;
    }

    // The scalar EightDigits in each 64-bit lane (4 + 4 digits, then pairs, then single digits, one per byte), the
    // leading zeros shifted out: the text of each value below 10^8 in its low bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> LeftAligned(Vector256<uint> values, Vector256<int> count)
    {
        var value = Avx512F.ConvertToVector512UInt64(values);
        var high = Avx512F.Multiply(value.AsUInt32(), Vector512.Create(0xD1B7_1759ul).AsUInt32()) >> 45;
        var x = high | ((value - Avx512F.Multiply(high.AsUInt32(), Vector512.Create(10_000ul).AsUInt32())) << 32);
        var hundreds = ((x * 10_486) >> 20) & Vector512.Create(0x0000_007F_0000_007Ful);
        x = hundreds | ((x - (hundreds * 100)) << 16);
        var tens = ((x * 103) >> 10) & Vector512.Create(0x000F_000F_000F_000Ful);
        x = tens | ((x - (tens * 10)) << 8);
        var eight = x + Vector512.Create(0x3030_3030_3030_3030ul);
        var count64 = Avx512F.ConvertToVector512UInt64(count.AsUInt32());
        return Avx512F.ShiftRightLogicalVariable(eight, (Vector512.Create(8ul) - count64) << 3);
    }
}
