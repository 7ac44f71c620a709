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
/// naive aggregator's results are reproduced bit for bit.
/// </remarks>
public sealed class WindowAggregator
{
    private readonly SensorTable<OpenWindow> _sensors;

    /// <summary>Creates an aggregator.</summary>
    /// <param name="expectedSensors">How many sensors to size the table for; more still work (the table grows once, allocating).</param>
    public WindowAggregator(int expectedSensors = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSensors);
        _sensors = new SensorTable<OpenWindow>(expectedSensors);
    }

    /// <summary>Drops every open window without emitting it. Allocates nothing.</summary>
    public void Reset() => _sensors.Clear();

    /// <summary>Folds accepted frames into their windows and writes the windows they closed, in order.</summary>
    /// <param name="buffer">The buffer the frames were decoded from.</param>
    /// <param name="frames">The accepted frames, in arrival order.</param>
    /// <param name="closed">Where closed windows go; a frame closes at most one, so <paramref name="frames"/>' length suffices.</param>
    /// <returns>The number of windows written to <paramref name="closed"/>.</returns>
    public int Aggregate(ReadOnlySpan<byte> buffer, ReadOnlySpan<FrameRef> frames, Span<WindowAggregate> closed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(closed.Length, frames.Length, nameof(closed));
        int closedCount = 0;
        foreach (ref readonly var frame in frames)
        {
            long windowStart = WindowAggregate.WindowStartOf(frame.TimestampNs);
            ref var window = ref _sensors.GetOrAdd(frame.SensorId, out _);
            if (window.Count != 0 && window.WindowStartNs != windowStart)
            {
                closed[closedCount++] = window.Close(frame.SensorId);
            }

            if (window.Count == 0)
            {
                window.WindowStartNs = windowStart;
                window.Min = float.PositiveInfinity;
                window.Max = float.NegativeInfinity;
            }

            Fold(ref window, frame.SampleBytes(buffer));
        }

        return closedCount;
    }

    /// <summary>Closes every open window, in ascending sensor id order. Allocates the result.</summary>
    /// <returns>The closed windows.</returns>
    public WindowAggregate[] CloseAll()
    {
        int count = 0;
        for (int slot = 0; slot < _sensors.Capacity; slot++)
        {
            if (_sensors.IsUsed(slot) && _sensors.ValueAt(slot).Count != 0)
            {
                count++;
            }
        }

        var result = count == 0 ? [] : new WindowAggregate[count];
        count = 0;
        for (int slot = 0; slot < _sensors.Capacity; slot++)
        {
            if (_sensors.IsUsed(slot) && _sensors.ValueAt(slot).Count != 0)
            {
                result[count++] = _sensors.ValueAt(slot).Close(_sensors.KeyAt(slot));
            }
        }

        Array.Sort(result, static (a, b) => a.SensorId.CompareTo(b.SensorId));
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fold(ref OpenWindow window, ReadOnlySpan<byte> sampleBytes)
    {
        int count = sampleBytes.Length / sizeof(float);
        double sum = window.Sum;
        if (BitConverter.IsLittleEndian && Vector128.IsHardwareAccelerated && count >= Vector128<float>.Count)
        {
            var samples = MemoryMarshal.Cast<byte, float>(sampleBytes);

            // The sum stays sequential in double: the same additions in the same order as LINQ's Average.
            foreach (float sample in samples)
            {
                sum += sample;
            }

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

    [StructLayout(LayoutKind.Auto)]
    private struct OpenWindow
    {
        public long WindowStartNs;
        public double Sum;
        public int Count;
        public float Min;
        public float Max;

        public WindowAggregate Close(uint sensorId)
        {
            var aggregate = new WindowAggregate(sensorId, WindowStartNs, Count, Min, Max, (float)(Sum / Count));
            Count = 0;
            Sum = 0;
            return aggregate;
        }
    }
}
