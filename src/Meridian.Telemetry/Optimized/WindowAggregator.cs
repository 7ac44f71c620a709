using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// The optimized aggregate stage: a running count, min, max and sum per sensor and window, in a pre-sized
/// open-addressing table, reading samples in place. A window closes when its sensor's first frame of a later window
/// arrives. Allocates nothing once it has seen its sensors.
/// </summary>
/// <remarks>
/// Min and max use the same comparisons as LINQ's <c>Min</c>/<c>Max</c> over the window's samples, and the mean is
/// the <see cref="double"/> sum in arrival order divided by the count, as LINQ's <c>Average</c> computes it, so the
/// naive aggregator's results are reproduced bit for bit (the sum is vectorized only where that provably changes nothing).
/// </remarks>
internal sealed class WindowAggregator
{
    private readonly SensorTable<SensorState> _sensors;

    // CloseAll's result and sort keys, reused across calls.
    private WindowAggregate[] _closing = [];
    private uint[] _closingKeys = [];

    /// <summary>Creates an aggregator.</summary>
    /// <param name="expectedSensors">How many sensors to size the table for; more still work (the table grows once, allocating).</param>
    public WindowAggregator(int expectedSensors = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSensors);
        _sensors = new SensorTable<SensorState>(expectedSensors);
    }

    /// <summary>Creates an aggregator over a table it shares with a <see cref="FrameValidator"/> (the pipeline's).</summary>
    /// <param name="sensors">The shared per-sensor table.</param>
    internal WindowAggregator(SensorTable<SensorState> sensors) => _sensors = sensors;

    /// <summary>Drops every open window without emitting it. Allocates nothing.</summary>
    public void Reset() => _sensors.Clear();

    /// <summary>Folds accepted frames into their windows and writes the windows they closed, in order.</summary>
    /// <param name="buffer">The buffer the frames were decoded from.</param>
    /// <param name="frames">The accepted frames, in arrival order.</param>
    /// <param name="closed">Where closed windows go; a frame closes at most one, so <paramref name="frames"/>' length suffices.</param>
    /// <returns>The number of windows written to <paramref name="closed"/>.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Aggregate(ReadOnlySpan<byte> buffer, ReadOnlySpan<FrameRef> frames, Span<WindowAggregate> closed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(closed.Length, frames.Length, nameof(closed));
        int closedCount = 0;
        foreach (ref readonly var frame in frames)
        {
            ref var window = ref _sensors.GetOrAdd(frame.SensorId, out _).Window;
            // Most frames fall in their sensor's open window: one subtraction decides it, no division.
            if (window.Count == 0 || (ulong)(frame.TimestampNs - window.WindowStartNs) >= WindowAggregate.WindowLengthNs)
            {
                OpenWindowFor(ref window, frame, closed, ref closedCount);
            }

            Fold(ref window, frame.SampleBytes(buffer));
        }

        return closedCount;
    }

    /// <summary>
    /// As <see cref="Aggregate(ReadOnlySpan{byte}, ReadOnlySpan{FrameRef}, Span{WindowAggregate})"/>, with each frame's
    /// sensor index in the shared per-sensor table already known (from <see cref="FrameValidator"/>): no lookup per frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int Aggregate(ReadOnlySpan<byte> buffer, ReadOnlySpan<FrameRef> frames, ReadOnlySpan<int> sensorIndexes, Span<WindowAggregate> closed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(closed.Length, frames.Length, nameof(closed));
        ArgumentOutOfRangeException.ThrowIfLessThan(sensorIndexes.Length, frames.Length, nameof(sensorIndexes));
        int closedCount = 0;
        var values = _sensors.Values;
        int i = 0;
        while ((i = PlainRun(buffer, frames, sensorIndexes, values, i)) < frames.Length)
        {
            // A frame the plain run does not fold: it opens a window, or its window is not (or no longer) in lanes.
            ref readonly var frame = ref frames[i];
            ref var window = ref values[sensorIndexes[i]].Window;
            if (window.Count == 0 || (ulong)(frame.TimestampNs - window.WindowStartNs) >= WindowAggregate.WindowLengthNs)
            {
                OpenWindowFor(ref window, frame, closed, ref closedCount);
            }

            Fold(ref window, frame.SampleBytes(buffer));
            i++;
        }

        return closedCount;
    }

    // Folds frames from `start` on for as long as each falls in its sensor's open window, that window is in lanes, and
    // the frame (a multiple of 8 samples) stays within the lanes' bounds and sample limit; returns the index of the
    // first frame that does not (or the number of frames). No calls: the loop's state stays in registers.
    private static int PlainRun(ReadOnlySpan<byte> buffer, ReadOnlySpan<FrameRef> frames, ReadOnlySpan<int> sensorIndexes, SensorState[] values, int start)
    {
        if (!BitConverter.IsLittleEndian || !Vector256.IsHardwareAccelerated)
        {
            return start;
        }

        int i = start;
        for (; i < frames.Length; i++)
        {
            ref readonly var frame = ref frames[i];
            ref var window = ref values[sensorIndexes[i]].Window;
            int count = frame.SampleCount;
            // A window in lanes holds samples (InLanes is set only by the fold that adds the first ones).
            if (!window.InLanes || (ulong)(frame.TimestampNs - window.WindowStartNs) >= WindowAggregate.WindowLengthNs
                || !FitsLanes(in window, count) || !FoldInLanes(ref window, MemoryMarshal.Cast<byte, float>(frame.SampleBytes(buffer))))
            {
                break;
            }
        }

        return i;
    }

    // Closes the sensor's window if one is open and opens the one the frame belongs to.
    private static void OpenWindowFor(ref OpenWindow window, in FrameRef frame, Span<WindowAggregate> closed, ref int closedCount)
    {
        long windowStart = WindowAggregate.WindowStartOf(frame.TimestampNs);
        if (window.Count != 0 && window.WindowStartNs != windowStart)
        {
            closed[closedCount++] = window.Close(frame.SensorId);
        }

        if (window.Count == 0)
        {
            window.WindowStartNs = windowStart;
            window.Min = float.PositiveInfinity;
            window.Max = float.NegativeInfinity;
            window.MinExponent = int.MaxValue;
            window.MaxExponent = 0;
            window.Inexact = false;
        }
    }

    /// <summary>
    /// Closes every open window, in ascending sensor id order. The result lives in buffers the aggregator reuses (they
    /// grow with the number of sensors, allocating only then): valid until the next call.
    /// </summary>
    /// <returns>The closed windows.</returns>
    public ReadOnlySpan<WindowAggregate> CloseAll()
    {
        if (_closing.Length < _sensors.Count)
        {
            _closing = new WindowAggregate[_sensors.Values.Length];
            _closingKeys = new uint[_sensors.Values.Length];
        }

        int count = 0;
        for (int index = 0; index < _sensors.Count; index++)
        {
            ref var window = ref _sensors.ValueAt(index).Window;
            if (window.Count != 0)
            {
                uint sensor = _sensors.KeyAt(index);
                _closingKeys[count] = sensor;
                _closing[count++] = window.Close(sensor);
            }
        }

        // Sorting by the primitive keys takes the runtime's fast path (no comparison delegate per step).
        _closingKeys.AsSpan(0, count).Sort(_closing.AsSpan(0, count));
        return _closing.AsSpan(0, count);
    }

    // Lanes: a window whose samples all have a biased exponent within LaneExponentSpread of each other (no zeros,
    // subnormals, infinities or NaNs) and fewer than 2^LaneCountBits samples meets the exactness test of
    // SumExactlyOrSequentially by construction (spread + count bits <= 29), and its min and max are those of the lane
    // comparisons (no -0/+0 tie to order). Such a window's frames are folded into 4 float and 2 double lanes with no
    // reduction per frame; the lanes are reduced when the window closes or a frame falls outside the bounds.
    private const int LaneExponentSpread = 16;
    private const int LaneCountBits = 13;

    /// <summary>The running sum of <paramref name="sensorId"/>'s open window, as its mean will divide it (for the tests: the
    /// mean rounded to float hides most differences of the double sum).</summary>
    internal double OpenSum(uint sensorId)
    {
        ref var window = ref _sensors.GetOrAdd(sensorId, out _).Window;
        return window.InLanes ? window.LaneSum.ToScalar() + window.LaneSum.GetElement(1) : window.Sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fold(ref OpenWindow window, ReadOnlySpan<byte> sampleBytes)
    {
        int count = sampleBytes.Length / sizeof(float);
        if (BitConverter.IsLittleEndian && Vector256.IsHardwareAccelerated && FitsLanes(in window, count))
        {
            if (window.InLanes)
            {
                if (FoldInLanes(ref window, MemoryMarshal.Cast<byte, float>(sampleBytes)))
                {
                    return;
                }
            }
            else if (window.Count == 0 && EnterLanes(ref window, MemoryMarshal.Cast<byte, float>(sampleBytes)))
            {
                return;
            }
        }

        window.LeaveLanes();
        if (BitConverter.IsLittleEndian && Vector256.IsHardwareAccelerated && count >= Vector256<float>.Count && !window.Inexact)
        {
            FoldInOnePass(ref window, MemoryMarshal.Cast<byte, float>(sampleBytes));
            return;
        }

        double sum = window.Sum;
        if (BitConverter.IsLittleEndian && Vector128.IsHardwareAccelerated && count >= Vector128<float>.Count)
        {
            var samples = MemoryMarshal.Cast<byte, float>(sampleBytes);
            sum = window.Inexact ? SumSequentially(sum, samples) : SumExactlyOrSequentially(ref window, sum, samples);

            // Min and max without a branch per sample (random data mispredicts them). Vector min/max pick either
            // zero when -0 and +0 tie, where the sequential comparison keeps the first; a zero result is therefore
            // recomputed sequentially, which keeps the result bit-identical to the naive fold.
            ref float start = ref MemoryMarshal.GetReference(samples);
            var min = Vector128.LoadUnsafe(ref start);
            var max = min;
            int i = Vector128<float>.Count;
            for (; i <= count - Vector128<float>.Count; i += Vector128<float>.Count)
            {
                var next = Vector128.LoadUnsafe(ref start, (nuint)i);
                min = Vector128.Min(min, next);
                max = Vector128.Max(max, next);
            }

            float frameMin = MathF.Min(MathF.Min(min[0], min[1]), MathF.Min(min[2], min[3]));
            float frameMax = MathF.Max(MathF.Max(max[0], max[1]), MathF.Max(max[2], max[3]));
            for (; i < count; i++)
            {
                float sample = Unsafe.Add(ref start, i);
                frameMin = MathF.Min(frameMin, sample);
                frameMax = MathF.Max(frameMax, sample);
            }

            if (frameMin == 0 || frameMax == 0)
            {
                FoldMinMaxSequentially(ref window, samples);
            }
            else
            {
                window.Min = frameMin < window.Min ? frameMin : window.Min;
                window.Max = frameMax > window.Max ? frameMax : window.Max;
            }
        }
        else
        {
            float min = window.Min;
            float max = window.Max;
            for (int i = 0; i < sampleBytes.Length; i += sizeof(float))
            {
                float sample = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(sampleBytes[i..]);
                min = sample < min ? sample : min;
                max = sample > max ? sample : max;
                sum += sample;
            }

            window.Min = min;
            window.Max = max;
        }

        window.Sum = sum;
        window.Count += count;
    }

    // Whether a frame of `count` samples can be folded into the window's lanes: a whole number of 8-sample vectors, and
    // the window stays below the lanes' sample limit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FitsLanes(in OpenWindow window, int count) =>
        count != 0 && (count & 7) == 0 && window.Count + count < 1 << LaneCountBits;

    // Opens a window in lanes with the bounds centred on the first sample's exponent, if every sample of the frame is
    // within them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EnterLanes(ref OpenWindow window, ReadOnlySpan<float> samples)
    {
        int exponent = (int)((BitConverter.SingleToUInt32Bits(samples[0]) >> 23) & 0xFF);
        int low = Math.Max(exponent - (LaneExponentSpread / 2), 1);
        int high = Math.Min(low + LaneExponentSpread, 254);
        window.LaneLowBits = (uint)low << 23;
        window.LaneSpanBits = (uint)(high + 1 - low) << 23;
        window.LaneMin = Vector128.Create(float.PositiveInfinity);
        window.LaneMax = Vector128.Create(float.NegativeInfinity);
        window.LaneSum = Vector128<double>.Zero;
        window.InLanes = true;
        if (FoldInLanes(ref window, samples))
        {
            return true;
        }

        window.InLanes = false;
        return false;
    }

    // Folds a frame (a multiple of 8 samples) into the window's lanes if every sample lies within the lanes' bounds;
    // otherwise leaves the window untouched and returns false.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FoldInLanes(ref OpenWindow window, ReadOnlySpan<float> samples)
    {
        ref float start = ref MemoryMarshal.GetReference(samples);
        var magnitudeMask = Vector256.Create(0x7FFF_FFFFu);
        var lowBits = Vector256.Create(window.LaneLowBits);
        var spanBits = Vector256.Create(window.LaneSpanBits);
        var outside = Vector256<uint>.Zero;
        var min = Vector256.Create(float.PositiveInfinity);
        var max = Vector256.Create(float.NegativeInfinity);
        var sum = Vector256<double>.Zero;
        for (int i = 0; i < samples.Length; i += Vector256<float>.Count)
        {
            var next = Vector256.LoadUnsafe(ref start, (nuint)i);
            // |bits| - low wraps below the bounds, so one unsigned comparison checks both ends.
            outside |= Vector256.GreaterThanOrEqual((next.AsUInt32() & magnitudeMask) - lowBits, spanBits);
            min = PlainMin(min, next);
            max = PlainMax(max, next);
            sum += Vector256.WidenLower(next) + Vector256.WidenUpper(next);
        }

        if (outside != Vector256<uint>.Zero)
        {
            return false;
        }

#if NET9_0_OR_GREATER
        window.LaneMin = Vector128.MinNative(window.LaneMin, Vector128.MinNative(min.GetLower(), min.GetUpper()));
        window.LaneMax = Vector128.MaxNative(window.LaneMax, Vector128.MaxNative(max.GetLower(), max.GetUpper()));
#else
        window.LaneMin = Vector128.Min(window.LaneMin, Vector128.Min(min.GetLower(), min.GetUpper()));
        window.LaneMax = Vector128.Max(window.LaneMax, Vector128.Max(max.GetLower(), max.GetUpper()));
#endif
        window.LaneSum += sum.GetLower() + sum.GetUpper();
        window.Count += samples.Length;
        return true;
    }

    // The common case in one pass over 8-float vectors: min, max, the smallest magnitude and the sum in double lanes,
    // each reduced once per frame. The largest magnitude follows from min and max, so the exactness test below (see
    // SumExactlyOrSequentially) costs one vector operation per 8 samples; when it fails, or a zero makes the min/max
    // tie rule matter, the frame is folded again the sequential way from the state it started with.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FoldInOnePass(ref OpenWindow window, ReadOnlySpan<float> samples)
    {
        ref float start = ref MemoryMarshal.GetReference(samples);
        int count = samples.Length;
        var magnitudeMask = Vector256.Create(0x7FFF_FFFFu);
        var first = Vector256.LoadUnsafe(ref start);
        var min = first;
        var max = first;
        var smallest = first.AsUInt32() & magnitudeMask;
        var lower = Vector256.WidenLower(first);
        var upper = Vector256.WidenUpper(first);
        int i = Vector256<float>.Count;
        for (; i <= count - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var next = Vector256.LoadUnsafe(ref start, (nuint)i);
            // No NaN reaches here (validated) and zeros are refolded below, so the plain instructions suffice.
            min = PlainMin(min, next);
            max = PlainMax(max, next);
            smallest = Vector256.Min(smallest, next.AsUInt32() & magnitudeMask);
            lower += Vector256.WidenLower(next);
            upper += Vector256.WidenUpper(next);
        }

        float frameMin = ReduceMin(min);
        float frameMax = ReduceMax(max);
        var smallest128 = Vector128.Min(smallest.GetLower(), smallest.GetUpper());
        smallest128 = Vector128.Min(smallest128, Vector128.Shuffle(smallest128, Vector128.Create(2u, 3, 0, 1)));
        uint smallestBits = Vector128.Min(smallest128, Vector128.Shuffle(smallest128, Vector128.Create(1u, 0, 3, 2))).ToScalar();
        var sum256 = lower + upper;
        var sum128 = sum256.GetLower() + sum256.GetUpper();
        double frameSum = (sum128 + Vector128.Shuffle(sum128, Vector128.Create(1L, 0))).ToScalar();
        for (; i < count; i++)
        {
            float sample = Unsafe.Add(ref start, i);
            frameMin = sample < frameMin ? sample : frameMin;
            frameMax = sample > frameMax ? sample : frameMax;
            smallestBits = Math.Min(smallestBits, BitConverter.SingleToUInt32Bits(sample) & 0x7FFF_FFFFu);
            frameSum += sample;
        }

        uint largestBits = Math.Max(BitConverter.SingleToUInt32Bits(frameMin) & 0x7FFF_FFFFu, BitConverter.SingleToUInt32Bits(frameMax) & 0x7FFF_FFFFu);
        int minExponent = Math.Min(Math.Max((int)(smallestBits >> 23), 1), window.MinExponent);
        int maxExponent = Math.Max(Math.Max((int)(largestBits >> 23), 1), window.MaxExponent);
        int countBits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(window.Count + count));
        if (smallestBits == 0 || maxExponent - minExponent + countBits > 29)
        {
            // A zero (the tie rule of min/max) or a sum that might round: the sequential fold decides.
            if (smallestBits != 0)
            {
                window.Inexact = true;
            }

            FoldSequentially(ref window, samples);
            return;
        }

        window.MinExponent = minExponent;
        window.MaxExponent = maxExponent;
        window.Min = frameMin < window.Min ? frameMin : window.Min;
        window.Max = frameMax > window.Max ? frameMax : window.Max;
        window.Sum += frameSum;
        window.Count += count;
    }

    // Lane-wise min and max with the plain instructions (which of two zeros, or what a NaN gives, is not IEEE's): the
    // callers fold no NaN and refold zeros, or keep them out of the lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PlainMin(Vector256<float> left, Vector256<float> right) =>
#if NET9_0_OR_GREATER
        Vector256.MinNative(left, right);
#else
        Vector256.Min(left, right);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PlainMax(Vector256<float> left, Vector256<float> right) =>
#if NET9_0_OR_GREATER
        Vector256.MaxNative(left, right);
#else
        Vector256.Max(left, right);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PlainMin(Vector128<float> left, Vector128<float> right) =>
#if NET9_0_OR_GREATER
        Vector128.MinNative(left, right);
#else
        Vector128.Min(left, right);
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PlainMax(Vector128<float> left, Vector128<float> right) =>
#if NET9_0_OR_GREATER
        Vector128.MaxNative(left, right);
#else
        Vector128.Max(left, right);
#endif

    // Lane reductions by shuffles; the plain min/max instructions suffice, as in the loop (no NaN, zeros refolded).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ReduceMin(Vector256<float> lanes)
    {
        var half = PlainMin(lanes.GetLower(), lanes.GetUpper());
        half = PlainMin(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return PlainMin(half, Vector128.Shuffle(half, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ReduceMax(Vector256<float> lanes)
    {
        var half = PlainMax(lanes.GetLower(), lanes.GetUpper());
        half = PlainMax(half, Vector128.Shuffle(half, Vector128.Create(2, 3, 0, 1)));
        return PlainMax(half, Vector128.Shuffle(half, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    // The reference fold, sample by sample, for the frames the one-pass fold cannot decide; still exact-sums in lanes
    // while the window's sum is exact (see SumExactlyOrSequentially).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FoldSequentially(ref OpenWindow window, ReadOnlySpan<float> samples)
    {
        double sum = window.Sum;
        sum = window.Inexact || !Vector128.IsHardwareAccelerated ? SumSequentially(sum, samples) : SumExactlyOrSequentially(ref window, sum, samples);
        FoldMinMaxSequentially(ref window, samples);
        window.Sum = sum;
        window.Count += samples.Length;
    }

    // LINQ's Average adds the samples in arrival order into a double. That order cannot be changed in general (floating-
    // point addition is not associative), but when every partial sum is exactly representable the order does not
    // matter: every sample is a multiple of the smallest sample's ulp, 2^(Emin-150) for biased exponent Emin (at least 1),
    // and every partial sum is below count × 2^(Emax-126), so a double's 53 bits hold them all when
    // Emax - Emin + bitlength(count) <= 29. Then the frame is summed in vector lanes, in any order, with the same result.
    // Once a window fails the test its running sum may be rounded, and it stays sequential until it closes.
    private static double SumExactlyOrSequentially(ref OpenWindow window, double sum, ReadOnlySpan<float> samples)
    {
        var exponentMask = Vector128.Create(0x7F80_0000u);
        var smallestExponent = Vector128.Create(0x0080_0000u);
        ref float start = ref MemoryMarshal.GetReference(samples);
        var lowest = Vector128.Create(uint.MaxValue);
        var highest = Vector128<uint>.Zero;
        var lower = Vector128<double>.Zero;
        var upper = Vector128<double>.Zero;
        int i = 0;
        for (; i <= samples.Length - Vector128<float>.Count; i += Vector128<float>.Count)
        {
            var next = Vector128.LoadUnsafe(ref start, (nuint)i);
            var exponent = Vector128.Max(next.AsUInt32() & exponentMask, smallestExponent);
            lowest = Vector128.Min(lowest, exponent);
            highest = Vector128.Max(highest, exponent);
            lower += Vector128.WidenLower(next);
            upper += Vector128.WidenUpper(next);
        }

        int minExponent = (int)(Math.Min(Math.Min(lowest[0], lowest[1]), Math.Min(lowest[2], lowest[3])) >> 23);
        int maxExponent = (int)(Math.Max(Math.Max(highest[0], highest[1]), Math.Max(highest[2], highest[3])) >> 23);
        double frameSum = (lower + upper).ToScalar() + (lower + upper).GetElement(1);
        for (; i < samples.Length; i++)
        {
            float sample = samples[i];
            int exponent = Math.Max((int)((BitConverter.SingleToUInt32Bits(sample) >> 23) & 0xFF), 1);
            minExponent = Math.Min(minExponent, exponent);
            maxExponent = Math.Max(maxExponent, exponent);
            frameSum += sample;
        }

        minExponent = Math.Min(minExponent, window.MinExponent);
        maxExponent = Math.Max(maxExponent, window.MaxExponent);
        int countBits = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(window.Count + samples.Length));
        if (maxExponent - minExponent + countBits <= 29)
        {
            window.MinExponent = minExponent;
            window.MaxExponent = maxExponent;
            return sum + frameSum;
        }

        window.Inexact = true;
        return SumSequentially(sum, samples);
    }

    private static double SumSequentially(double sum, ReadOnlySpan<float> samples)
    {
        foreach (float sample in samples)
        {
            sum += sample;
        }

        return sum;
    }

    // The comparisons of LINQ's Min/Max: the first of equal values wins, so -0 and +0 keep arrival order.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FoldMinMaxSequentially(ref OpenWindow window, ReadOnlySpan<float> samples)
    {
        float min = window.Min;
        float max = window.Max;
        foreach (float sample in samples)
        {
            if (sample < min)
            {
                min = sample;
            }

            if (sample > max)
            {
                max = sample;
            }
        }

        window.Min = min;
        window.Max = max;
    }

}
