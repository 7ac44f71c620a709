using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// The optimized emit stage: writes each window as one InfluxDB line-protocol line straight into the output's memory
/// with <see cref="DecimalDigits"/> for integers and <see cref="ShortestFloatFormatter"/> for floats. Allocates nothing.
/// </summary>
/// <remarks>
/// Line shape: <c>telemetry,sensor=42 count=64i,min=19.5,max=21.25,mean=20.3125 1700000000000000000</c> and a
/// <c>\n</c>. Floats use the shortest text that parses back to the same <see cref="float"/> (<c>"R"</c>, invariant
/// culture), the same text <see cref="Naive.NaiveEmitter"/> produces through string interpolation; the formatter
/// writes it directly as UTF-8, several times faster than the framework's general float formatting.
/// </remarks>
internal static class LineProtocolEmitter
{
    /// <summary>The longest line a window can produce, newline included (every number at its widest).</summary>
    public const int MaxLineLength = 160;

    // Lines asked for per span: 64 × MaxLineLength = 10 KB, which a writer can grow to without waste.
    private const int LinesPerRequest = 64;

    private static ReadOnlySpan<byte> Measurement => "telemetry,sensor="u8;

    private static ReadOnlySpan<byte> CountField => " count="u8;

    private static ReadOnlySpan<byte> MinField => "i,min="u8;

    private static ReadOnlySpan<byte> MaxField => ",max="u8;

    private static ReadOnlySpan<byte> MeanField => ",mean="u8;

    /// <summary>Writes one line per window, in order.</summary>
    /// <param name="windows">The closed windows.</param>
    /// <param name="output">Where the lines go.</param>
    /// <returns>The number of bytes written.</returns>
    public static long Emit(ReadOnlySpan<WindowAggregate> windows, IBufferWriter<byte> output) => Emit(windows, output, LaneWidth);

    /// <summary>The vector width the emitter formats floats with, in 64-bit lanes: 8 (AVX-512), 4 (AVX2) or 1 (the
    /// scalar code); either vector width formats eight floats per call.</summary>
    internal static int LaneWidth { get; } = FixedLayoutX8.IsSupported ? 8 : FixedLayoutAvx2.IsSupported ? 4 : 1;

    /// <summary>As <see cref="Emit(ReadOnlySpan{WindowAggregate}, IBufferWriter{byte})"/> at the given
    /// <paramref name="laneWidth"/> (8, 4 or 1, see <see cref="LaneWidth"/>; a width the machine does not run falls back
    /// to the next narrower one), for the tests of each width.</summary>
    internal static long Emit(ReadOnlySpan<WindowAggregate> windows, IBufferWriter<byte> output, int laneWidth)
    {
        ArgumentNullException.ThrowIfNull(output);
        var prepared = new PreparedFloats();
        long total = 0;
        int next = 0;
        while (next < windows.Length)
        {
            // One span for up to LinesPerRequest lines (a call through the interface per line cost more than a float).
            int lines = Math.Min(windows.Length - next, LinesPerRequest);
            var span = output.GetSpan(MaxLineLength * lines);
            var batch = windows.Slice(next, lines);
            Prepare(batch, ref prepared, laneWidth);
            ref byte start = ref MemoryMarshal.GetReference(span);
            var repeats = new RepeatedFields();
            int written = 0;
            for (int line = 0; line < lines; line++)
            {
                written += FormatLine(in batch[line], ref Unsafe.Add(ref start, written), ref repeats, ref prepared, line);
            }

            output.Advance(written);
            total += written;
            next += lines;
        }

        return total;
    }

    /// <summary>Formats one window's line into <paramref name="destination"/>.</summary>
    /// <param name="window">The window.</param>
    /// <param name="destination">At least <see cref="MaxLineLength"/> bytes; bytes after the line may be overwritten.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Format(in WindowAggregate window, Span<byte> destination)
    {
        // The widest line is 129 bytes; the digit writers' scratch (DecimalDigits.Slack, the float formatter's within
        // its MaxLength, the 32-byte stores of RepeatedFields) stays inside MaxLineLength, so one length check covers
        // every write below.
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxLineLength, nameof(destination));
        var prepared = new PreparedFloats();
        var batch = new ReadOnlySpan<WindowAggregate>(in window);
        Prepare(batch, ref prepared, LaneWidth);
        var repeats = new RepeatedFields();
        return FormatLine(in window, ref MemoryMarshal.GetReference(destination), ref repeats, ref prepared, 0);
    }

    // The digits of every float of up to LinesPerRequest lines, before any line is laid out, and where the machine has
    // the lanes the text of those in the common dd.ddd layout and of the sensor ids too: line i's min, max and mean at
    // i, LinesPerRequest + i and 2·LinesPerRequest + i. Eight lines' floats of one field at a time in vector lanes (AVX-512 or AVX2),
    // a last group short of lines repeating the batch's last line; zeros, infinities and NaN get unspecified digits
    // and text, which FormatWithDigits ignores.
    private static void Prepare(ReadOnlySpan<WindowAggregate> windows, ref PreparedFloats prepared, int laneWidth)
    {
        if (laneWidth == 8 && FixedLayoutX8.IsSupported)
        {
            int last = windows.Length - 1;
            for (int line = 0; line < windows.Length; line += 8)
            {
                ref readonly var w0 = ref windows[line];
                ref readonly var w1 = ref windows[Math.Min(line + 1, last)];
                ref readonly var w2 = ref windows[Math.Min(line + 2, last)];
                ref readonly var w3 = ref windows[Math.Min(line + 3, last)];
                ref readonly var w4 = ref windows[Math.Min(line + 4, last)];
                ref readonly var w5 = ref windows[Math.Min(line + 5, last)];
                ref readonly var w6 = ref windows[Math.Min(line + 6, last)];
                ref readonly var w7 = ref windows[Math.Min(line + 7, last)];
                PrepareEight(Vector256.Create(w0.Min, w1.Min, w2.Min, w3.Min, w4.Min, w5.Min, w6.Min, w7.Min), ref prepared, line);
                PrepareEight(Vector256.Create(w0.Max, w1.Max, w2.Max, w3.Max, w4.Max, w5.Max, w6.Max, w7.Max), ref prepared, LinesPerRequest + line);
                PrepareEight(Vector256.Create(w0.Mean, w1.Mean, w2.Mean, w3.Mean, w4.Mean, w5.Mean, w6.Mean, w7.Mean), ref prepared, (2 * LinesPerRequest) + line);
                FixedLayoutX8.IntegerText(Vector256.Create(w0.SensorId, w1.SensorId, w2.SensorId, w3.SensorId, w4.SensorId, w5.SensorId, w6.SensorId, w7.SensorId), out var ids, out var idLengths);
                ids.StoreUnsafe(ref prepared.IdTexts[0], (nuint)line);
                idLengths.StoreUnsafe(ref prepared.IdLengths[0], (nuint)line);
            }

            return;
        }

        // The same gathering as above, kept apart: one loop choosing between the two per call measured 4.4 % slower on
        // the AVX2 path (streamed pipeline, DOTNET_EnableAVX512=0).
        if (laneWidth >= 4 && FixedLayoutAvx2.IsSupported)
        {
            int last = windows.Length - 1;
            for (int line = 0; line < windows.Length; line += 8)
            {
                ref readonly var w0 = ref windows[line];
                ref readonly var w1 = ref windows[Math.Min(line + 1, last)];
                ref readonly var w2 = ref windows[Math.Min(line + 2, last)];
                ref readonly var w3 = ref windows[Math.Min(line + 3, last)];
                ref readonly var w4 = ref windows[Math.Min(line + 4, last)];
                ref readonly var w5 = ref windows[Math.Min(line + 5, last)];
                ref readonly var w6 = ref windows[Math.Min(line + 6, last)];
                ref readonly var w7 = ref windows[Math.Min(line + 7, last)];
                PrepareEightAvx2(Vector256.Create(w0.Min, w1.Min, w2.Min, w3.Min, w4.Min, w5.Min, w6.Min, w7.Min), ref prepared, line);
                PrepareEightAvx2(Vector256.Create(w0.Max, w1.Max, w2.Max, w3.Max, w4.Max, w5.Max, w6.Max, w7.Max), ref prepared, LinesPerRequest + line);
                PrepareEightAvx2(Vector256.Create(w0.Mean, w1.Mean, w2.Mean, w3.Mean, w4.Mean, w5.Mean, w6.Mean, w7.Mean), ref prepared, (2 * LinesPerRequest) + line);
                FixedLayoutAvx2.IntegerText(Vector256.Create(w0.SensorId, w1.SensorId, w2.SensorId, w3.SensorId, w4.SensorId, w5.SensorId, w6.SensorId, w7.SensorId), out var idsLow, out var idsHigh, out var idLengths);
                idsLow.StoreUnsafe(ref prepared.IdTexts[0], (nuint)line);
                idsHigh.StoreUnsafe(ref prepared.IdTexts[0], (nuint)line + 4);
                idLengths.StoreUnsafe(ref prepared.IdLengths[0], (nuint)line);
            }

            return;
        }

        for (int line = 0; line < windows.Length; line++)
        {
            ref readonly var window = ref windows[line];
            PrepareOne(window.Min, ref prepared, line);
            PrepareOne(window.Max, ref prepared, LinesPerRequest + line);
            PrepareOne(window.Mean, ref prepared, (2 * LinesPerRequest) + line);
            prepared.IdLengths[line] = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrepareEight(Vector256<float> values, ref PreparedFloats prepared, int at)
    {
        ShortestDigitsX8.Compute(values.AsUInt32(), out var digits, out var exponents);
        FixedLayoutX8.Compute(digits, exponents, out var text, out var layout);
        digits.StoreUnsafe(ref prepared.Digits[0], (nuint)at);
        exponents.StoreUnsafe(ref prepared.Exponents[0], (nuint)at);
        text.StoreUnsafe(ref prepared.Texts[0], (nuint)at);
        layout.StoreUnsafe(ref prepared.Layouts[0], (nuint)at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrepareEightAvx2(Vector256<float> values, ref PreparedFloats prepared, int at)
    {
        ShortestDigitsAvx2.Compute(values.AsUInt32(), out var digits, out var exponents);
        FixedLayoutAvx2.Compute(digits, exponents, out var lowText, out var highText, out var layout);
        digits.StoreUnsafe(ref prepared.Digits[0], (nuint)at);
        exponents.StoreUnsafe(ref prepared.Exponents[0], (nuint)at);
        lowText.StoreUnsafe(ref prepared.Texts[0], (nuint)at);
        highText.StoreUnsafe(ref prepared.Texts[0], (nuint)at + 4);
        layout.StoreUnsafe(ref prepared.Layouts[0], (nuint)at);
    }

    private static void PrepareOne(float value, ref PreparedFloats prepared, int at)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        uint biased = (bits >> 23) & 0xFF;
        int exponent = 0;
        prepared.Digits[at] = biased != 0xFF && (bits & 0x7FFF_FFFF) != 0 ? ShortestFloatFormatter.ShortestDigits(biased, bits & 0x7F_FFFF, out exponent) : 0;
        prepared.Exponents[at] = exponent;
        prepared.Layouts[at] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteFloat(float value, ref PreparedFloats prepared, int at, ref byte destination) =>
        ShortestFloatFormatter.FormatWithDigits(value, prepared.Digits[at], prepared.Exponents[at], ref destination, prepared.Texts[at], prepared.Layouts[at]);

    // Writes one line at `start`, where MaxLineLength bytes are writable, its floats' digits prepared (PrepareDigits).
    // Lines written in one go mostly repeat the previous line's " count=…i,min=" and window start (the windows of one
    // batch close together, full): those fields are copied from the text formatted last (one 32-byte store each)
    // instead of being formatted again.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FormatLine(in WindowAggregate window, ref byte start, ref RepeatedFields repeats, ref PreparedFloats prepared, int line)
    {
        int n = Append(ref start, 0, Measurement);
        int idLength = prepared.IdLengths[line];
        if (idLength != 0)
        {
            // The sensor id's text from the lanes: one 8-byte store (the bytes after it are overwritten next).
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref start, n), prepared.IdTexts[line]);
            n += idLength;
        }
        else
        {
            n += DecimalDigits.WriteSmall(ref Unsafe.Add(ref start, n), window.SensorId);
        }

        ref byte count = ref Unsafe.Add(ref start, n);
        if (window.Count == repeats.Count && repeats.CountLength != 0)
        {
            repeats.CountText.StoreUnsafe(ref count);
            n += repeats.CountLength;
        }
        else
        {
            int at = Append(ref count, 0, CountField);
            at += window.Count >= 0 ? DecimalDigits.WriteSmall(ref Unsafe.Add(ref count, at), (uint)window.Count) : DecimalDigits.WriteInt64(ref Unsafe.Add(ref count, at), window.Count);
            at = Append(ref count, at, MinField);
            repeats.Count = window.Count;
            repeats.CountLength = at;
            repeats.CountText = Vector256.LoadUnsafe(ref count);
            n += at;
        }

        n += WriteFloat(window.Min, ref prepared, line, ref Unsafe.Add(ref start, n));
        n = Append(ref start, n, MaxField);
        n += WriteFloat(window.Max, ref prepared, LinesPerRequest + line, ref Unsafe.Add(ref start, n));
        n = Append(ref start, n, MeanField);
        n += WriteFloat(window.Mean, ref prepared, (2 * LinesPerRequest) + line, ref Unsafe.Add(ref start, n));
        Unsafe.Add(ref start, n++) = (byte)' ';
        ref byte windowStart = ref Unsafe.Add(ref start, n);
        if (window.WindowStartNs == repeats.WindowStartNs && repeats.WindowStartLength != 0)
        {
            repeats.WindowStartText.StoreUnsafe(ref windowStart);
            n += repeats.WindowStartLength;
        }
        else
        {
            int length = WriteWindowStart(ref windowStart, window.WindowStartNs);
            repeats.WindowStartNs = window.WindowStartNs;
            repeats.WindowStartLength = length;
            repeats.WindowStartText = Vector256.LoadUnsafe(ref windowStart);
            n += length;
        }

        Unsafe.Add(ref start, n++) = (byte)'\n';
        return n;
    }

    // A window starts on a whole second, so its last nine digits are zeros: the seconds, then one 8-byte store of
    // zeros and one more byte (any other value, e.g. a hand-made aggregate, takes the general writer).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteWindowStart(ref byte at, long nanoseconds)
    {
        long seconds = nanoseconds / WindowAggregate.WindowLengthNs;
        if (seconds == 0 || seconds * WindowAggregate.WindowLengthNs != nanoseconds)
        {
            return DecimalDigits.WriteInt64(ref at, nanoseconds);
        }

        int n = DecimalDigits.WriteInt64(ref at, seconds);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref at, n), 0x3030_3030_3030_3030ul);
        Unsafe.Add(ref at, n + 8) = (byte)'0';
        return n + 9;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(ref byte start, int at, ReadOnlySpan<byte> literal)
    {
        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref start, at), ref MemoryMarshal.GetReference(literal), (uint)literal.Length);
        return at + literal.Length;
    }

    // The fields a line most often shares with the line before it, as formatted last (at most 24 and 20 bytes; the
    // 32-byte copies carry scratch after the text, which the rest of the line overwrites or MaxLineLength leaves room for).
    private struct RepeatedFields
    {
        public int Count;
        public int CountLength;
        public Vector256<byte> CountText;
        public long WindowStartNs;
        public int WindowStartLength;
        public Vector256<byte> WindowStartText;
    }

    // The prepared digits, exponents and texts of up to LinesPerRequest lines' floats, and their sensor ids' texts, on
    // the stack.
    private struct PreparedFloats
    {
        public Floats<uint> Digits;
        public Floats<int> Exponents;
        public Floats<ulong> Texts;
        public Floats<int> Layouts;
        public Lines<ulong> IdTexts;
        public Lines<int> IdLengths;
    }

    [InlineArray(LinesPerRequest)]
    private struct Lines<T>
    {
        private T _first;
    }

    [InlineArray(3 * LinesPerRequest)]
    private struct Floats<T>
    {
        private T _first;
    }
}
