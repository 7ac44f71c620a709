using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// The optimized validate stage: version, sample presence and finiteness (vectorized), and the per-sensor sequence
/// and timestamp, kept in a pre-sized open-addressing table. Allocates nothing once it has seen its sensors.
/// </summary>
internal sealed class FrameValidator
{
    private const uint ExponentMask = 0x7F80_0000;

    private readonly SensorTable<SensorState> _sensors;

    /// <summary>Creates a validator.</summary>
    /// <param name="expectedSensors">How many sensors to size the table for; more still work (the table grows once, allocating).</param>
    public FrameValidator(int expectedSensors = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedSensors);
        _sensors = new SensorTable<SensorState>(expectedSensors);
    }

    /// <summary>Creates a validator over a table it shares with a <see cref="WindowAggregator"/> (the pipeline's).</summary>
    /// <param name="sensors">The shared per-sensor table.</param>
    internal FrameValidator(SensorTable<SensorState> sensors) => _sensors = sensors;

    /// <summary>Forgets every sensor's sequence and timestamp; the next frame of each sensor is treated as its first. Allocates nothing.</summary>
    public void Reset() => _sensors.Clear();

    /// <summary>
    /// Validates <paramref name="frames"/> in order and moves the accepted ones to the front of the span, in order.
    /// Rejections and gaps are counted in <paramref name="statistics"/>.
    /// </summary>
    /// <param name="buffer">The buffer the frames were decoded from.</param>
    /// <param name="frames">The decoded frames; on return the first <c>n</c> are the accepted ones.</param>
    /// <param name="statistics">Where acceptances, rejections and gaps are counted.</param>
    /// <returns><c>n</c>, the number of accepted frames.</returns>
    public int Validate(ReadOnlySpan<byte> buffer, Span<FrameRef> frames, TelemetryStatistics statistics) =>
        Validate(buffer, frames, statistics, []);

    /// <summary>
    /// As <see cref="Validate(ReadOnlySpan{byte}, Span{FrameRef}, TelemetryStatistics)"/>, and writes each accepted
    /// frame's sensor index in the per-sensor table to <paramref name="sensorIndexes"/> (when it is not empty), for an
    /// aggregator that shares the table. An index stays valid until the table is reset (it does not move when the
    /// table grows).
    /// </summary>
    // Never inlined: a stage's loop inlined into the pipeline's driver with the other three had its locals spilled to a
    // 616-byte stack frame (the JIT's register allocation works per method); one call per batch costs nothing.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal int Validate(ReadOnlySpan<byte> buffer, Span<FrameRef> frames, TelemetryStatistics statistics, Span<int> sensorIndexes)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        bool keepIndexes = !sensorIndexes.IsEmpty;
        if (keepIndexes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sensorIndexes.Length, frames.Length, nameof(sensorIndexes));
        }

        var cursor = new Cursor(frames, keepIndexes ? sensorIndexes : default);
        while (true)
        {
            int stop = PlainRun(buffer, ref cursor, _sensors.Entries, _sensors.Values, _sensors.Shift);
            if (stop == frames.Length)
            {
                break;
            }

            // A frame the plain run does not decide (a rejection, a gap, a new sensor): the general check.
            ref readonly var frame = ref frames[stop];
            if (Check(buffer, in frame, statistics, out int sensorIndex) is { } rejected)
            {
                statistics.Reject(rejected, frame.Length);
            }
            else
            {
                cursor.Accept(stop, sensorIndex);
            }

            cursor.Next = stop + 1;
        }

        statistics.Accept(cursor.Accepted, cursor.AcceptedBytes);
        return cursor.Accepted;
    }

    // Accepts frames from cursor.Next on for as long as each is plainly valid (supported version, samples, all finite,
    // a timestamp in range, a known sensor, the next sequence number, no timestamp regression), and returns the index of
    // the first one that is not (or the number of frames). No calls: the loop's state stays in registers.
    private static int PlainRun(ReadOnlySpan<byte> buffer, ref Cursor cursor, ulong[] entries, SensorState[] values, int shift)
    {
        var frames = cursor.Frames;
        int accepted = cursor.Accepted;
        long acceptedBytes = cursor.AcceptedBytes;
        ref FrameRef first = ref MemoryMarshal.GetReference(frames);
        ref int firstIndex = ref MemoryMarshal.GetReference(cursor.SensorIndexes);
        bool keepIndexes = !cursor.SensorIndexes.IsEmpty;
        int mask = entries.Length - 1;
        int i = cursor.Next;
        for (; i < frames.Length; i++)
        {
            ref FrameRef frame = ref Unsafe.Add(ref first, i);
            long timestamp = frame.TimestampNs;
            if (frame.Version != FrameFormat.CurrentVersion || frame.SampleCount == 0 || timestamp < WindowAggregate.MinTimestampNs || !AllFinite(frame.SampleBytes(buffer)))
            {
                break;
            }

            uint sensor = frame.SensorId;
            int probe = SensorTable<SensorState>.HomeSlot(sensor, shift);
            ulong entry;
            while ((entry = entries[probe]) != 0 && (uint)entry != sensor)
            {
                probe = (probe + 1) & mask;
            }

            if (entry == 0)
            {
                break;
            }

            int sensorIndex = SensorTable<SensorState>.IndexOf(entry);
            ref var state = ref values[sensorIndex].Sequence;
            if (frame.Sequence - state.LastSequence != 1 || timestamp < state.LastTimestampNs)
            {
                break;
            }

            state.LastSequence = frame.Sequence;
            state.LastTimestampNs = timestamp;
            acceptedBytes += frame.Length;
            if (keepIndexes)
            {
                Unsafe.Add(ref firstIndex, accepted) = sensorIndex;
            }

            if (accepted != i)
            {
                Unsafe.Add(ref first, accepted) = frame;
            }

            accepted++;
        }

        cursor.Accepted = accepted;
        cursor.AcceptedBytes = acceptedBytes;
        return i;
    }

    // The general check of one frame, in the documented order, for the frames the plain run stops at.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private RejectReason? Check(ReadOnlySpan<byte> buffer, in FrameRef frame, TelemetryStatistics statistics, out int sensorIndex)
    {
        sensorIndex = -1;
        if (frame.Version != FrameFormat.CurrentVersion)
        {
            return RejectReason.UnsupportedVersion;
        }

        if (frame.SampleCount == 0)
        {
            return RejectReason.NoSamples;
        }

        if (!AllFinite(frame.SampleBytes(buffer)))
        {
            return RejectReason.NonFiniteSample;
        }

        if (frame.TimestampNs < WindowAggregate.MinTimestampNs)
        {
            return RejectReason.TimestampOutOfRange;
        }

        sensorIndex = _sensors.IndexOf(frame.SensorId, out bool added);
        ref var state = ref _sensors.ValueAt(sensorIndex).Sequence;
        if (!added)
        {
            int step = (int)(frame.Sequence - state.LastSequence);
            if (step == 0)
            {
                return RejectReason.DuplicateSequence;
            }

            if (step < 0)
            {
                return RejectReason.OutOfOrderSequence;
            }

            if (frame.TimestampNs < state.LastTimestampNs)
            {
                return RejectReason.TimestampRegression;
            }

            if (step > 1)
            {
                statistics.Gap(step - 1);
            }
        }

        state.LastSequence = frame.Sequence;
        state.LastTimestampNs = frame.TimestampNs;
        return null;
    }

    // A float is NaN or infinite exactly when all its exponent bits are set.
    private static bool AllFinite(ReadOnlySpan<byte> samples)
    {
        ref byte start = ref MemoryMarshal.GetReference(samples);
        int length = samples.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian && length >= Vector256<byte>.Count)
        {
            // Whole 32-byte blocks, the last one overlapping the one before when the length is not a multiple of 32
            // (the samples stay whole: the length and the overlap are multiples of 4); no shorter loops after it.
            var mask = Vector256.Create(ExponentMask);
            var bad = Vector256<uint>.Zero;
            for (; i < length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var bits = Vector256.LoadUnsafe(ref Unsafe.Add(ref start, i)).AsUInt32();
                bad |= Vector256.Equals(bits & mask, mask);
            }

            var last = Vector256.LoadUnsafe(ref Unsafe.Add(ref start, length - Vector256<byte>.Count)).AsUInt32();
            bad |= Vector256.Equals(last & mask, mask);
            return bad == Vector256<uint>.Zero;
        }

        if (Vector128.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            var mask = Vector128.Create(ExponentMask);
            var bad = Vector128<uint>.Zero;
            for (; i <= length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var bits = Vector128.LoadUnsafe(ref Unsafe.Add(ref start, i)).AsUInt32();
                bad |= Vector128.Equals(bits & mask, mask);
            }

            if (bad != Vector128<uint>.Zero)
            {
                return false;
            }
        }

        for (; i < length; i += sizeof(float))
        {
            uint bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(samples[i..]);
            if ((bits & ExponentMask) == ExponentMask)
            {
                return false;
            }
        }

        return true;
    }

    // Where a Validate call is: the next frame to look at, and the accepted frames moved to the front so far.
    private ref struct Cursor(Span<FrameRef> frames, Span<int> sensorIndexes)
    {
        public readonly Span<FrameRef> Frames = frames;
        public readonly Span<int> SensorIndexes = sensorIndexes;
        public int Next;
        public int Accepted;
        public long AcceptedBytes;

        public void Accept(int index, int sensorIndex)
        {
            AcceptedBytes += Frames[index].Length;
            if (!SensorIndexes.IsEmpty)
            {
                SensorIndexes[Accepted] = sensorIndex;
            }

            if (Accepted != index)
            {
                Frames[Accepted] = Frames[index];
            }

            Accepted++;
        }
    }
}
