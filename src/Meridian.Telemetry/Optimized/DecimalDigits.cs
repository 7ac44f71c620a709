using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// Decimal digits as UTF-8, eight at a time: the integer fields of the emitter and the digits of
/// <see cref="ShortestFloatFormatter"/>. The writers store whole 8-byte words, so they may write up to
/// <see cref="Slack"/> bytes past the text they return; callers reserve that room.
/// </summary>
internal static class DecimalDigits
{
    /// <summary>Bytes past the returned text that a writer may overwrite with scratch.</summary>
    public const int Slack = 8;

    /// <summary>The longest text of a <see cref="long"/>: <c>-9223372036854775808</c>.</summary>
    public const int MaxInt64Length = 20;

    private const ulong TenToTheEighth = 100_000_000;

    private static ReadOnlySpan<uint> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    private static ReadOnlySpan<byte> DigitPairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>The number of decimal digits of <paramref name="value"/> (1 for 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(uint value)
    {
        // log10 from log2: 1233/4096 ≈ log10(2), then one comparison to correct. value | 1 counts 0 as 1 and changes
        // no other comparison (10^e - 1 is odd).
        value |= 1;
        int log2 = 31 - BitOperations.LeadingZeroCount(value);
        int estimate = ((log2 + 1) * 1233) >> 12;
        return estimate + (value >= PowersOfTen[estimate] ? 1 : 0);
    }

    /// <summary>Writes <paramref name="value"/> in decimal, with a leading <c>-</c> when negative.</summary>
    /// <param name="at">Where the text starts; <see cref="MaxInt64Length"/> + <see cref="Slack"/> bytes must be writable.</param>
    /// <param name="value">The value.</param>
    /// <returns>The length of the text.</returns>
    public static int WriteInt64(ref byte at, long value)
    {
        if (value >= 0)
        {
            return WriteUInt64(ref at, (ulong)value);
        }

        at = (byte)'-';
        // Negation wraps long.MinValue to itself; as ulong it is then 2^63, its magnitude.
        return 1 + WriteUInt64(ref Unsafe.Add(ref at, 1), (ulong)unchecked(-value));
    }

    /// <summary>Writes <paramref name="value"/> in decimal, inline when it is below 10^8 (the emitter's small fields).</summary>
    /// <param name="at">Where the text starts; 20 + <see cref="Slack"/> bytes must be writable.</param>
    /// <param name="value">The value.</param>
    /// <returns>The length of the text.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteSmall(ref byte at, uint value)
    {
        if (value < TenToTheEighth)
        {
            int count = Count(value);
            Write(ref at, value, count);
            return count;
        }

        return WriteUInt64(ref at, value);
    }

    /// <summary>Writes <paramref name="value"/> in decimal.</summary>
    /// <param name="at">Where the text starts; 20 + <see cref="Slack"/> bytes must be writable.</param>
    /// <param name="value">The value.</param>
    /// <returns>The length of the text.</returns>
    public static int WriteUInt64(ref byte at, ulong value)
    {
        if (value < TenToTheEighth)
        {
            int count = Count((uint)value);
            Write(ref at, (uint)value, count);
            return count;
        }

        ulong high = value / TenToTheEighth;
        uint low = (uint)(value - (high * TenToTheEighth));
        int length;
        if (high < TenToTheEighth)
        {
            length = Count((uint)high);
            Write(ref at, (uint)high, length);
        }
        else
        {
            // Up to 20 digits: at most 4 above the 16 below.
            uint top = (uint)(high / TenToTheEighth);
            uint middle = (uint)(high - (top * TenToTheEighth));
            int topCount = Count(top);
            Write(ref at, top, topCount);
            Write(ref Unsafe.Add(ref at, topCount), middle, 8);
            length = topCount + 8;
        }

        Write(ref Unsafe.Add(ref at, length), low, 8);
        return length + 8;
    }

    /// <summary>
    /// Writes the <paramref name="count"/> (1 to 9) digits of <paramref name="value"/>, zero-padded on the left when
    /// <paramref name="count"/> is more than it needs; may write scratch bytes up to 8 bytes past <paramref name="at"/>
    /// (9 when <paramref name="count"/> is 9).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write(ref byte at, uint value, int count)
    {
        if (count == 9)
        {
            uint first = value / (uint)TenToTheEighth;
            at = (byte)('0' + first);
            value -= first * (uint)TenToTheEighth;
            at = ref Unsafe.Add(ref at, 1);
            count = 8;
        }

        if (BitConverter.IsLittleEndian)
        {
            // The leading zeros of the 8-digit text are its low bytes: shift them out, one store.
            Unsafe.WriteUnaligned(ref at, EightDigits(value) >> (8 * (8 - count)));
            return;
        }

        ref byte pairs = ref MemoryMarshal.GetReference(DigitPairs);
        int i = count;
        while (i >= 2)
        {
            uint rest = value / 100;
            uint pair = (value - (rest * 100)) * 2;
            value = rest;
            i -= 2;
            Unsafe.Add(ref at, i) = Unsafe.Add(ref pairs, pair);
            Unsafe.Add(ref at, i + 1) = Unsafe.Add(ref pairs, pair + 1);
        }

        if (i == 1)
        {
            at = (byte)('0' + value);
        }
    }

    /// <summary>Writes the two digits of <paramref name="value"/> (below 100, zero-padded).</summary>
    public static void WriteTwo(ref byte at, uint value)
    {
        ref byte pairs = ref MemoryMarshal.GetReference(DigitPairs);
        at = Unsafe.Add(ref pairs, value * 2);
        Unsafe.Add(ref at, 1) = Unsafe.Add(ref pairs, (value * 2) + 1);
    }

    /// <summary>
    /// The 8 ASCII digits of <paramref name="value"/> (below 10^8, zero-padded) in memory order on a little-endian
    /// machine (first digit in the lowest byte): split into two 4-digit halves in 32-bit lanes, then 2-digit halves in
    /// 16-bit lanes, then digits in bytes, each by a multiply-and-shift division exact for the lane's range
    /// (v/100 = v·10486 >> 20 for v below 43 699; v/10 = v·103 >> 10 for v below 179).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EightDigits(uint value)
    {
        uint high = value / 10_000;
        ulong x = high | ((ulong)(value - (high * 10_000)) << 32);
        ulong hundreds = ((x * 10_486) >> 20) & 0x0000_007F_0000_007F;
        x = hundreds | ((x - (hundreds * 100)) << 16);
        ulong tens = ((x * 103) >> 10) & 0x000F_000F_000F_000F;
        x = tens | ((x - (tens * 10)) << 8);
        return x + 0x3030_3030_3030_3030;
    }
}
