using System.Buffers;
using System.Buffers.Binary;

namespace Meridian.Telemetry;

/// <summary>
/// Generates realistic, reproducible captures: many sensors sending frames round-robin with increasing sequence
/// numbers and timestamps, samples that drift like real measurements, and optional faults (<see cref="FaultOptions"/>).
/// The same <see cref="GeneratorOptions"/> always give the same bytes.
/// </summary>
/// <remarks>
/// Generating allocates nothing after construction (<see cref="Write"/>), so it can feed a pipeline inside an
/// allocation measurement. <see cref="Statistics"/> is the ground truth: in a capture without corruptions every
/// frame that was not reordered is accepted, every duplicate is rejected as
/// <see cref="RejectReason.DuplicateSequence"/> and every reordered frame as
/// <see cref="RejectReason.OutOfOrderSequence"/>.
/// </remarks>
public sealed class FrameGenerator
{
    private readonly GeneratorOptions _options;
    private readonly FaultOptions _faults;
    private readonly Random _random;
    private readonly uint[] _sequences;
    private readonly float[] _phases;
    private readonly float[] _samples;
    private readonly byte[] _frame = new byte[FrameFormat.MaxFrameSize];
    private readonly byte[]? _pending;
    private readonly int[]? _pendingLength;
    private readonly long _periodNs;
    private long _frameIndex;

    /// <summary>Creates a generator.</summary>
    /// <param name="options">What to generate; <see cref="GeneratorOptions.Default"/> when null.</param>
    public FrameGenerator(GeneratorOptions? options = null)
    {
        _options = options ?? GeneratorOptions.Default;
        _faults = _options.Faults;
        _random = new Random(_options.Seed);
        _sequences = new uint[_options.SensorCount];
        _phases = new float[_options.SensorCount];
        _samples = new float[_options.SamplesPerFrame];
        _periodNs = WindowAggregate.WindowLengthNs / _options.FramesPerSensorPerSecond;
        for (int i = 0; i < _phases.Length; i++)
        {
            _phases[i] = _random.NextSingle() * MathF.Tau;
        }

        if (_faults.Reorder > 0)
        {
            _pending = new byte[_options.SensorCount * FrameFormat.MaxFrameSize];
            _pendingLength = new int[_options.SensorCount];
        }

        MaxUnitSize = _faults.MaxGarbageLength + (3 * FrameFormat.MaxFrameSize);
    }

    /// <summary>Gets the most bytes one generated frame can take with its faults (garbage, a duplicate, a held-back frame).</summary>
    public int MaxUnitSize { get; }

    /// <summary>Gets what was generated so far.</summary>
    public GeneratorStatistics Statistics { get; } = new();

    /// <summary>Writes up to <paramref name="maxFrames"/> frames (with their faults) while at least <see cref="MaxUnitSize"/> bytes remain. Allocates nothing.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="maxFrames">The most frames to generate.</param>
    /// <param name="frames">The number of frames generated.</param>
    /// <returns>The number of bytes written.</returns>
    public int Write(Span<byte> destination, int maxFrames, out int frames)
    {
        int written = 0;
        frames = 0;
        while (frames < maxFrames && destination.Length - written >= MaxUnitSize)
        {
            written += WriteNext(destination[written..]);
            frames++;
        }

        Statistics.Bytes += written;
        return written;
    }

    /// <summary>Writes every frame still held back for reordering (they arrive late, after all others).</summary>
    /// <param name="destination">Where to write; <c>SensorCount × FrameFormat.MaxFrameSize</c> bytes always suffice.</param>
    /// <returns>The number of bytes written.</returns>
    public int FlushPending(Span<byte> destination)
    {
        if (_pending is null || _pendingLength is null)
        {
            return 0;
        }

        int written = 0;
        for (int sensor = 0; sensor < _pendingLength.Length; sensor++)
        {
            written += TakePending(sensor, destination[written..]);
        }

        Statistics.Bytes += written;
        return written;
    }

    /// <summary>Generates a whole capture of <paramref name="frameCount"/> frames, held-back frames flushed at the end.</summary>
    /// <param name="frameCount">The number of frames.</param>
    /// <returns>The capture.</returns>
    public byte[] GenerateCapture(int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        var output = new ArrayBufferWriter<byte>(frameCount * FrameFormat.FrameSize(_options.SamplesPerFrame) * 11 / 10 + MaxUnitSize);
        WriteCapture(output, frameCount);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes a whole capture of <paramref name="frameCount"/> frames to a stream, held-back frames flushed at the end.</summary>
    /// <param name="destination">The stream.</param>
    /// <param name="frameCount">The number of frames.</param>
    public void WriteCapture(Stream destination, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        var chunk = new ArrayBufferWriter<byte>(1 << 20);
        int remaining = frameCount;
        while (remaining > 0)
        {
            chunk.ResetWrittenCount();
            remaining -= WriteSome(chunk, remaining);
            destination.Write(chunk.WrittenSpan);
        }

        chunk.ResetWrittenCount();
        chunk.Advance(FlushPending(chunk.GetSpan(_options.SensorCount * FrameFormat.MaxFrameSize)));
        destination.Write(chunk.WrittenSpan);
    }

    /// <summary>Writes a whole capture of <paramref name="frameCount"/> frames to a buffer writer, held-back frames flushed at the end.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="frameCount">The number of frames.</param>
    public void WriteCapture(IBufferWriter<byte> output, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        int remaining = frameCount;
        while (remaining > 0)
        {
            remaining -= WriteSome(output, remaining);
        }

        output.Advance(FlushPending(output.GetSpan(_options.SensorCount * FrameFormat.MaxFrameSize)));
    }

    private int WriteSome(IBufferWriter<byte> output, int remaining)
    {
        var span = output.GetSpan(Math.Max(MaxUnitSize, 1 << 16));
        int bytes = Write(span, remaining, out int frames);
        output.Advance(bytes);
        return frames;
    }

    private int WriteNext(Span<byte> destination)
    {
        int sensor = (int)(_frameIndex % _options.SensorCount);
        long round = _frameIndex / _options.SensorCount;
        _frameIndex++;
        long timestamp = _options.StartTimestampNs + (round * _periodNs) + (sensor * (_periodNs / _options.SensorCount));
        uint sequence = _sequences[sensor]++;
        FillSamples(sensor);
        var header = new FrameHeader(_options.FirstSensorId + (uint)sensor, sequence, timestamp);
        int length = FrameFormat.Write(_frame, in header, _samples);
        Statistics.Frames++;

        int written = 0;
        if (!_faults.Any)
        {
            _frame.AsSpan(0, length).CopyTo(destination);
            Statistics.CleanFrames++;
            return length;
        }

        if (Chance(_faults.Garbage))
        {
            int garbage = 1 + _random.Next(_faults.MaxGarbageLength);
            _random.NextBytes(destination[..garbage]);
            written += garbage;
            Statistics.GarbageRuns++;
            Statistics.GarbageBytes += garbage;
        }

        bool corrupted = Corrupt(ref length);
        if (!corrupted && _pending is not null && _pendingLength![sensor] == 0 && Chance(_faults.Reorder))
        {
            _frame.AsSpan(0, length).CopyTo(_pending.AsSpan(sensor * FrameFormat.MaxFrameSize));
            _pendingLength[sensor] = length;
            Statistics.Reorders++;
            return written;
        }

        _frame.AsSpan(0, length).CopyTo(destination[written..]);
        written += length;
        if (!corrupted)
        {
            Statistics.CleanFrames++;
        }

        if (Chance(_faults.Duplicate))
        {
            _frame.AsSpan(0, length).CopyTo(destination[written..]);
            written += length;
            Statistics.Duplicates++;
        }

        if (_pending is not null)
        {
            written += TakePending(sensor, destination[written..]);
        }

        return written;
    }

    // At most one corruption per frame: a single draw picks bit flip, truncation, oversized count or none.
    private bool Corrupt(ref int length)
    {
        double draw = _random.NextDouble();
        if (draw < _faults.BitFlip)
        {
            int bit = _random.Next(length * 8);
            _frame[bit / 8] ^= (byte)(1 << (bit % 8));
            Statistics.BitFlips++;
            return true;
        }

        draw -= _faults.BitFlip;
        if (draw < _faults.Truncation)
        {
            length = 1 + _random.Next(length - 1);
            Statistics.Truncations++;
            return true;
        }

        draw -= _faults.Truncation;
        if (draw < _faults.OversizedCount)
        {
            ushort count = (ushort)_random.Next(FrameFormat.MaxSampleCount + 1, ushort.MaxValue + 1);
            BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(FrameFormat.SampleCountOffset), count);
            FrameFormat.WriteChecksum(_frame.AsSpan(0, length));
            Statistics.OversizedCounts++;
            return true;
        }

        return false;
    }

    private int TakePending(int sensor, Span<byte> destination)
    {
        int length = _pendingLength![sensor];
        if (length == 0)
        {
            return 0;
        }

        _pending.AsSpan(sensor * FrameFormat.MaxFrameSize, length).CopyTo(destination);
        _pendingLength[sensor] = 0;
        return length;
    }

    private bool Chance(double probability) => probability > 0 && _random.NextDouble() < probability;

    // A slow oscillation around a per-sensor level, plus measurement noise.
    private void FillSamples(int sensor)
    {
        float level = 10f + (sensor % 40);
        float phase = _phases[sensor];
        for (int i = 0; i < _samples.Length; i++)
        {
            phase += 0.01f;
            _samples[i] = level + (2.5f * MathF.Sin(phase)) + ((_random.NextSingle() - 0.5f) * 0.2f);
        }

        _phases[sensor] = phase > MathF.Tau ? phase - MathF.Tau : phase;
    }
}
