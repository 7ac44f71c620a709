using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// Writes a <see cref="float"/> as UTF-8, byte for byte the text of
/// <c>value.ToString("R", CultureInfo.InvariantCulture)</c> (which is what string interpolation with <c>:R</c> under
/// <see cref="FormattableString.Invariant(FormattableString)"/> produces), without allocating and several times faster.
/// </summary>
/// <remarks>
/// <para>
/// Digits: the shortest decimal that parses back to the same float (round-to-nearest-even parsing), and among the
/// shortest the one closest to the value, ties to an even last digit. Every float <c>v = c·2^q</c> owns the interval
/// between the midpoints to its neighbours (ends included when <c>c</c> is even). The decimal exponent <c>k</c> is
/// chosen so that the interval is between 1 and 10 units of <c>10^k</c> wide: it then holds at least one integer and at
/// most one multiple of 10, so the shortest decimal is either that multiple of 10 (trailing zeros stripped) or the
/// integer next to <c>v·10^-k</c> that is closest to it. The three scaled bounds come from one 64×64→128-bit multiply
/// each with a 64-bit approximation of <c>10^-k</c>, kept as floor-plus-sticky-bit so that comparisons with integers
/// stay exact. This is the interval argument of Giulietti's Schubfach, written here for binary32; it is proved for all
/// 2^32 bit patterns by an exhaustive comparison with .NET (samples/Meridian.Telemetry.FloatCheck).
/// </para>
/// <para>
/// Layout (.NET's general format for float "R": at least 9 significant digits before switching): with the digits
/// <c>d1..dn</c> and the value <c>0.d1..dn·10^scale</c>, fixed notation when <c>-3 ≤ scale ≤ 9</c>
/// (<c>0.0001</c>, <c>123456790</c>), otherwise <c>d1.d2..dnE±XX</c> with at least two exponent digits
/// (<c>1E-05</c>, <c>1E+09</c>, <c>3.4028235E+38</c>). Negative zero is <c>-0</c>; NaN (of either sign) is
/// <c>NaN</c>; infinities are <c>Infinity</c> and <c>-Infinity</c>.
/// </para>
/// </remarks>
internal static class ShortestFloatFormatter
{
    /// <summary>The longest text: <c>-0.000123456789</c> or <c>-1.2345678E-38</c> (15 bytes).</summary>
    public const int MaxLength = 15;

    private const int MantissaBits = 23;
    private const int ExponentBias = 127;
    private const int MinPow10Index = -31;

    /// <summary>
    /// <c>floor(10^e · 2^(63 - floor(log2 10^e))) + 1</c> for <c>e</c> = -31..45: <c>10^e</c> normalised to 64 bits,
    /// rounded up so that scaled values are overestimated by less than the sticky bit can hide.
    /// </summary>
    private static ReadOnlySpan<ulong> Pow10Significands =>
    [
        0x81CEB32C4B43FCF5, 0xA2425FF75E14FC32, 0xCAD2F7F5359A3B3F, 0xFD87B5F28300CA0E,
        0x9E74D1B791E07E49, 0xC612062576589DDB, 0xF79687AED3EEC552, 0x9ABE14CD44753B53,
        0xC16D9A0095928A28, 0xF1C90080BAF72CB2, 0x971DA05074DA7BEF, 0xBCE5086492111AEB,
        0xEC1E4A7DB69561A6, 0x9392EE8E921D5D08, 0xB877AA3236A4B44A, 0xE69594BEC44DE15C,
        0x901D7CF73AB0ACDA, 0xB424DC35095CD810, 0xE12E13424BB40E14, 0x8CBCCC096F5088CC,
        0xAFEBFF0BCB24AAFF, 0xDBE6FECEBDEDD5BF, 0x89705F4136B4A598, 0xABCC77118461CEFD,
        0xD6BF94D5E57A42BD, 0x8637BD05AF6C69B6, 0xA7C5AC471B478424, 0xD1B71758E219652C,
        0x83126E978D4FDF3C, 0xA3D70A3D70A3D70B, 0xCCCCCCCCCCCCCCCD, 0x8000000000000001,
        0xA000000000000001, 0xC800000000000001, 0xFA00000000000001, 0x9C40000000000001,
        0xC350000000000001, 0xF424000000000001, 0x9896800000000001, 0xBEBC200000000001,
        0xEE6B280000000001, 0x9502F90000000001, 0xBA43B74000000001, 0xE8D4A51000000001,
        0x9184E72A00000001, 0xB5E620F480000001, 0xE35FA931A0000001, 0x8E1BC9BF04000001,
        0xB1A2BC2EC5000001, 0xDE0B6B3A76400001, 0x8AC7230489E80001, 0xAD78EBC5AC620001,
        0xD8D726B7177A8001, 0x878678326EAC9001, 0xA968163F0A57B401, 0xD3C21BCECCEDA101,
        0x84595161401484A1, 0xA56FA5B99019A5C9, 0xCECB8F27F4200F3B, 0x813F3978F8940985,
        0xA18F07D736B90BE6, 0xC9F2C9CD04674EDF, 0xFC6F7C4045812297, 0x9DC5ADA82B70B59E,
        0xC5371912364CE306, 0xF684DF56C3E01BC7, 0x9A130B963A6C115D, 0xC097CE7BC90715B4,
        0xF0BDC21ABB48DB21, 0x96769950B50D88F5, 0xBC143FA4E250EB32, 0xEB194F8E1AE525FE,
        0x92EFD1B8D0CF37BF, 0xB7ABC627050305AE, 0xE596B7B0C643C71A, 0x8F7E32CE7BEA5C70,
        0xB35DBF821AE4F38C
    ];

    private static ReadOnlySpan<byte> NaNText => "NaN"u8;

    private static ReadOnlySpan<byte> InfinityText => "Infinity"u8;

    /// <summary>Writes <paramref name="value"/> as its shortest round-trip text.</summary>
    /// <param name="value">Any float, including NaN, infinities and subnormals.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes; bytes after the text, within the first
    /// <see cref="MaxLength"/>, may be overwritten with scratch.</param>
    /// <returns>The length of the text.</returns>
    public static int Format(float value, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxLength, nameof(destination));
        return FormatUnchecked(value, ref MemoryMarshal.GetReference(destination));
    }

    /// <summary>As <see cref="Format(float, Span{byte})"/>, for a caller that has checked that <see cref="MaxLength"/> bytes are writable at <paramref name="start"/>.</summary>
    internal static int FormatUnchecked(float value, ref byte start)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint biasedExponent = (bits >> MantissaBits) & 0xFF;
        uint digits = 0;
        int exponent = 0;
        if (biasedExponent != 0xFF && (bits & 0x7FFF_FFFF) != 0)
        {
            digits = ShortestDigits(biasedExponent, bits & ((1u << MantissaBits) - 1), out exponent);
        }

        return FormatWithDigits(value, digits, exponent, ref start);
    }

    /// <summary>
    /// As <see cref="FormatUnchecked(float, ref byte)"/>, with the digits of a finite nonzero <paramref name="value"/>
    /// already found (by <see cref="ShortestDigits"/>, <see cref="ShortestDigitsX8"/> or
    /// <see cref="ShortestDigitsAvx2"/>) and, where <paramref name="layout"/> is not 0, their text too
    /// (<see cref="FixedLayoutX8"/>, <see cref="FixedLayoutAvx2"/>); for zeros, infinities and NaN both are ignored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int FormatWithDigits(float value, uint digits, int exponent, ref byte start, ulong text = 0, int layout = 0)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (((bits >> MantissaBits) & 0xFF) == 0xFF)
        {
            return WriteNonFinite((bits & ((1u << MantissaBits) - 1)) != 0, (int)bits < 0, MemoryMarshal.CreateSpan(ref start, MaxLength));
        }

        int length = 0;
        if ((int)bits < 0)
        {
            start = (byte)'-';
            length = 1;
        }

        if ((bits & 0x7FFF_FFFF) == 0)
        {
            Unsafe.Add(ref start, length) = (byte)'0';
            return length + 1;
        }

        ref byte at = ref Unsafe.Add(ref start, length);
        if (layout != 0)
        {
            Unsafe.WriteUnaligned(ref at, text);
            Unsafe.Add(ref at, 8) = (byte)(layout >> 8);
            return length + (layout & 0xFF);
        }

        return length + Layout(ref at, digits, exponent);
    }

    /// <summary>The shortest, closest decimal <c>digits · 10^exponent</c> of a finite nonzero float.</summary>
    /// <returns>The digits, without trailing zeros.</returns>
    internal static uint ShortestDigits(uint biasedExponent, uint fraction, out int exponent)
    {
        uint c;
        int q;
        bool irregular;
        if (biasedExponent != 0)
        {
            c = fraction | (1u << MantissaBits);
            q = (int)biasedExponent - ExponentBias - MantissaBits;
            // A power of two (above the smallest normal) has a neighbour below at half the distance.
            irregular = fraction == 0 && biasedExponent > 1;
        }
        else
        {
            c = fraction;
            q = 1 - ExponentBias - MantissaBits;
            irregular = false;
        }

        // The interval [cbl, cbr]·2^(q-2) is 2^q (or 3/4 of it) wide; k makes that 1 to 10 units of 10^k.
        int k = irregular ? FloorLog10ThreeQuartersPow2(q) : FloorLog10Pow2(q);
        int shift = q + FloorLog2Pow10(-k) + 33;
        ulong g = Pow10Significands[-k - MinPow10Index];
        ulong cb = (ulong)c << 2;
        uint excluded = c & 1;
        uint vb = ScaleRoundToOdd(g, cb << shift);
        uint vbl = ScaleRoundToOdd(g, (cb - (irregular ? 1UL : 2UL)) << shift);
        uint vbr = ScaleRoundToOdd(g, (cb + 2) << shift);

        // vb, vbl and vbr are 4·(scaled value) floored, with the lowest bit set when inexact: compared with multiples
        // of 4 they behave exactly like the real numbers.
        uint s = vb >> 2;
        uint sp10 = s / 10 * 10;
        uint tp10 = sp10 + 10;
        bool shorterBelow = vbl + excluded <= sp10 << 2;
        bool shorterAbove = (tp10 << 2) + excluded <= vbr;
        if (shorterBelow | shorterAbove)
        {
            // At most one multiple of 10 fits in an interval narrower than 10.
            uint shorter = shorterBelow ? sp10 : tp10;
            return RemoveTrailingZeros(shorter, k, out exponent);
        }

        uint t = s + 1;
        bool lowerIn = vbl + excluded <= s << 2;
        bool upperIn = (t << 2) + excluded <= vbr;
        exponent = k;
        if (lowerIn != upperIn)
        {
            return lowerIn ? s : t;
        }

        // Both fit: the closer one, an even last digit on a tie.
        int toMidpoint = (int)(vb - ((s << 2) + 2));
        return toMidpoint < 0 || (toMidpoint == 0 && (s & 1) == 0) ? s : t;
    }

    /// <summary><c>floor(log10(2^q))</c>, exact for |q| ≤ 1000 (checked by the tests on every float exponent).</summary>
    internal static int FloorLog10Pow2(int q) => (q * 78913) >> 18;

    /// <summary><c>floor(log10(3/4 · 2^q))</c> (checked by the tests on every float exponent).</summary>
    internal static int FloorLog10ThreeQuartersPow2(int q) => ((q * 78913) - 32752) >> 18;

    /// <summary><c>floor(log2(10^e))</c> (checked by the tests on every exponent the table covers).</summary>
    internal static int FloorLog2Pow10(int e) => (e * 1741647) >> 19;

    /// <summary>The significand table entry for <c>10^e</c>, for the lane searches and the tests.</summary>
    internal static ulong Pow10Significand(int e) => Pow10Significands[e - MinPow10Index];

    /// <summary>The high 32 bits of <c>(g·cp) / 2^64</c>, with the lowest bit set when the 32 bits below are not zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ScaleRoundToOdd(ulong g, ulong cp)
    {
        ulong high = Math.BigMul(g, cp, out _);
        return (uint)(high >> 32) | (uint)(((high & 0xFFFF_FFFF) + 0xFFFF_FFFF) >> 32);
    }

    private static uint RemoveTrailingZeros(uint digits, int exponent, out int trimmedExponent)
    {
        do
        {
            digits /= 10;
            exponent++;
        }
        while (digits % 10 == 0);

        trimmedExponent = exponent;
        return digits;
    }

    private static int Layout(ref byte at, uint digits, int exponent)
    {
        int count = DecimalDigits.Count(digits);
        int scale = count + exponent;
        if ((uint)(scale + 3) > 12)
        {
            // d.dddE±XX (scale < -3 or scale > 9): the digits one place right, then the first moved before the point.
            DecimalDigits.Write(ref Unsafe.Add(ref at, 1), digits, count);
            at = Unsafe.Add(ref at, 1);
            int length = 1;
            if (count > 1)
            {
                Unsafe.Add(ref at, 1) = (byte)'.';
                length = count + 1;
            }

            int power = scale - 1;
            Unsafe.Add(ref at, length) = (byte)'E';
            Unsafe.Add(ref at, length + 1) = power < 0 ? (byte)'-' : (byte)'+';
            // |power| ≤ 45 for floats: always exactly two digits.
            DecimalDigits.WriteTwo(ref Unsafe.Add(ref at, length + 2), (uint)Math.Abs(power));
            return length + 4;
        }

        if (scale <= 0)
        {
            // 0.000ddd
            at = (byte)'0';
            Unsafe.Add(ref at, 1) = (byte)'.';
            int zeros = -scale;
            for (int i = 0; i < zeros; i++)
            {
                Unsafe.Add(ref at, 2 + i) = (byte)'0';
            }

            DecimalDigits.Write(ref Unsafe.Add(ref at, 2 + zeros), digits, count);
            return 2 + zeros + count;
        }

        if (scale >= count)
        {
            // ddd000
            DecimalDigits.Write(ref at, digits, count);
            for (int i = count; i < scale; i++)
            {
                Unsafe.Add(ref at, i) = (byte)'0';
            }

            return scale;
        }

        if (count <= 8 && BitConverter.IsLittleEndian)
        {
            // dd.ddd from the digits' 8-byte text in one register: the integral bytes stay, the point goes above them,
            // the fractional bytes move up one place; the byte pushed out of the word is stored after it (scratch
            // when count < 8).
            ulong text = DecimalDigits.EightDigits(digits) >> (8 * (8 - count));
            ulong integral = (1ul << (8 * scale)) - 1;
            Unsafe.WriteUnaligned(ref at, (text & integral) | ((ulong)'.' << (8 * scale)) | ((text & ~integral) << 8));
            Unsafe.Add(ref at, 8) = (byte)(text >> 56);
            return count + 1;
        }

        if (count == 9 && BitConverter.IsLittleEndian)
        {
            // d.dddddddd to dddddddd.d: the first digit, then the other eight in one register as above (scale - 1 of
            // them integral).
            uint first = digits / 100_000_000;
            at = (byte)('0' + first);
            ulong text = DecimalDigits.EightDigits(digits - (first * 100_000_000));
            ulong integral = (1ul << (8 * (scale - 1))) - 1;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, 1), (text & integral) | ((ulong)'.' << (8 * (scale - 1))) | ((text & ~integral) << 8));
            Unsafe.Add(ref at, 9) = (byte)(text >> 56);
            return 10;
        }

        // dd.ddd: the digits one place right, then the integral ones moved back left over the point's place (no
        // division by a variable power of ten).
        DecimalDigits.Write(ref Unsafe.Add(ref at, 1), digits, count);
        for (int i = 0; i < scale; i++)
        {
            Unsafe.Add(ref at, i) = Unsafe.Add(ref at, i + 1);
        }

        Unsafe.Add(ref at, scale) = (byte)'.';
        return count + 1;
    }

    private static int WriteNonFinite(bool isNaN, bool isNegative, Span<byte> destination)
    {
        if (isNaN)
        {
            NaNText.CopyTo(destination);
            return NaNText.Length;
        }

        int length = 0;
        if (isNegative)
        {
            destination[0] = (byte)'-';
            length = 1;
        }

        InfinityText.CopyTo(destination[length..]);
        return length + InfinityText.Length;
    }
}
