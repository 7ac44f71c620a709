using System.Buffers;
using Meridian.Telemetry.Naive;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry;

/// <summary>
/// Prepared input for running each stage of either implementation in isolation, one batch of
/// <see cref="BatchFrames"/> frames per call, as benchmarks and audits need: decode gets raw bytes, validate gets
/// decoded frames, aggregate gets validated frames, emit gets the windows the batch closed, and the pipeline gets raw
/// bytes. Every call moves to the next batch of a generated capture; at the end of the capture the stage's per-sensor
/// state is reset (without allocating, for the optimized stages) and the capture replays, so every call sees fresh
/// sequence numbers: the steady state, not the duplicate-rejection path.
/// </summary>
/// <remarks>
/// Each stage and implementation has its own state and cursor, so calls can be interleaved freely. Divide a call's
/// time or allocations by <see cref="BatchFrames"/> for a per-frame figure; all stages are per frame, including emit
/// (a batch closes about <see cref="BatchFrames"/> / <see cref="FramesPerLine"/> windows).
/// </remarks>
public sealed class StageWorkload : IDisposable
{
    private readonly int[] _batchStart;
    private readonly int[] _batchLength;
    private readonly byte[][] _batchArrays;
    private readonly FrameRef[][] _decoded;
    private readonly List<NaiveFrame>[] _naiveDecoded;
    private readonly WindowAggregate[][] _closed;
    private readonly FrameRef[] _scratchFrames;
    private readonly FrameRef[] _validateScratch;
    private readonly WindowAggregate[] _scratchClosed;
    private readonly TelemetryStatistics _scratchStatistics = new();
    private readonly ArrayBufferWriter<byte> _output;
    private readonly FrameValidator _validator;
    private readonly WindowAggregator _aggregator;
    private readonly NaiveValidator _naiveValidator = new();
    private readonly NaiveAggregator _naiveAggregator = new();
    private readonly NaivePipeline _naivePipeline;
    private readonly OptimizedPipeline _optimizedPipeline;
    private readonly int[] _cursors = new int[10];

    /// <summary>Generates a clean capture and prepares every stage's input.</summary>
    /// <param name="options">The capture's shape; <see cref="GeneratorOptions.Default"/> when null. Faults are ignored: the steady state is measured.</param>
    /// <param name="frames">Frames in the capture (rounded down to whole batches, at least one batch).</param>
    /// <param name="batchFrames">Frames per call.</param>
    /// <param name="pipelineOptions">Options of the two pipelines; stage measurement and metrics on, as in production, when null.</param>
    public StageWorkload(GeneratorOptions? options = null, int frames = 65_536, int batchFrames = 1024, TelemetryPipelineOptions? pipelineOptions = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchFrames, 1);
        options = (options ?? GeneratorOptions.Default) with { Faults = FaultOptions.None };
        BatchFrames = batchFrames;
        int batches = Math.Max(1, frames / batchFrames);
        FrameCount = batches * batchFrames;
        int frameSize = FrameFormat.FrameSize(options.SamplesPerFrame);
        Capture = new FrameGenerator(options).GenerateCapture(FrameCount);

        _batchStart = new int[batches];
        _batchLength = new int[batches];
        _batchArrays = new byte[batches][];
        _decoded = new FrameRef[batches][];
        _naiveDecoded = new List<NaiveFrame>[batches];
        _closed = new WindowAggregate[batches][];
        _scratchFrames = new FrameRef[batchFrames];
        _validateScratch = new FrameRef[batchFrames];
        _scratchClosed = new WindowAggregate[batchFrames];
        _validator = new FrameValidator(options.SensorCount);
        _aggregator = new WindowAggregator(options.SensorCount);
        var preparing = new WindowAggregator(options.SensorCount);
        var statistics = new TelemetryStatistics();
        long lines = 0;
        for (int b = 0; b < batches; b++)
        {
            _batchStart[b] = b * batchFrames * frameSize;
            _batchLength[b] = batchFrames * frameSize;
            var bytes = Capture.AsSpan(_batchStart[b], _batchLength[b]);
            _batchArrays[b] = bytes.ToArray();
            _decoded[b] = new FrameRef[batchFrames];
            FrameDecoder.Decode(bytes, isFinal: true, _decoded[b], statistics, out _);
            _naiveDecoded[b] = NaiveDecoder.Decode(_batchArrays[b], isFinal: true, statistics, out _);
            int closed = preparing.Aggregate(bytes, _decoded[b], _scratchClosed);
            _closed[b] = _scratchClosed.AsSpan(0, closed).ToArray();
            lines += closed;
        }

        FramesPerLine = lines == 0 ? double.PositiveInfinity : (double)FrameCount / lines;
        _output = new ArrayBufferWriter<byte>(batchFrames * LineProtocolEmitter.MaxLineLength);
        pipelineOptions ??= TelemetryPipelineOptions.Default;
        _naivePipeline = new NaivePipeline(pipelineOptions);
        _optimizedPipeline = new OptimizedPipeline(pipelineOptions with { BatchCapacity = Math.Max(batchFrames, 1) }, options.SensorCount);
    }

    /// <summary>Gets the frames each call processes.</summary>
    public int BatchFrames { get; }

    /// <summary>Gets the frames in the capture.</summary>
    public int FrameCount { get; }

    /// <summary>Gets the capture's frames per emitted line, with the first closes of the capture (so slightly above the frames per sensor and second).</summary>
    public double FramesPerLine { get; }

    /// <summary>Gets the generated capture.</summary>
    public byte[] Capture { get; }

    /// <summary>Gets the naive pipeline that <see cref="Pipeline"/> runs.</summary>
    public ITelemetryPipeline NaivePipeline => _naivePipeline;

    /// <summary>Gets the optimized pipeline that <see cref="Pipeline"/> runs.</summary>
    public ITelemetryPipeline OptimizedPipeline => _optimizedPipeline;

    /// <summary>Runs one stage of one implementation over the next batch.</summary>
    /// <param name="optimized">Whether to run the optimized implementation (else the naive one).</param>
    /// <param name="stage">The stage.</param>
    /// <returns>A result to consume (frames or lines produced), so the work cannot be optimised away.</returns>
    public int Run(bool optimized, PipelineStage stage) => stage switch
    {
        PipelineStage.Decode => optimized ? Decode() : NaiveDecode(),
        PipelineStage.Validate => optimized ? Validate() : NaiveValidate(),
        PipelineStage.Aggregate => optimized ? Aggregate() : NaiveAggregate(),
        _ => optimized ? Emit() : NaiveEmit(),
    };

    /// <summary>Runs the whole pipeline of one implementation over the next batch of raw bytes.</summary>
    /// <param name="optimized">Whether to run the optimized pipeline (else the naive one).</param>
    /// <returns>The bytes consumed.</returns>
    public int Pipeline(bool optimized)
    {
        ITelemetryPipeline pipeline = optimized ? _optimizedPipeline : _naivePipeline;
        int b = Next(optimized ? 8 : 9);
        if (b == 0)
        {
            pipeline.ResetSensors();
        }

        _output.ResetWrittenCount();
        return pipeline.ProcessChunk(Capture.AsSpan(_batchStart[b], _batchLength[b]), isFinal: false, _output);
    }

    /// <summary>Optimized decode of the next batch.</summary>
    /// <returns>The frames decoded.</returns>
    public int Decode()
    {
        int b = Next(0);
        return FrameDecoder.Decode(Capture.AsSpan(_batchStart[b], _batchLength[b]), isFinal: true, _scratchFrames, _scratchStatistics, out _);
    }

    /// <summary>Naive decode of the next batch.</summary>
    /// <returns>The frames decoded.</returns>
    public int NaiveDecode() => NaiveDecoder.Decode(_batchArrays[Next(1)], isFinal: true, _scratchStatistics, out _).Count;

    /// <summary>Optimized validation of the next batch's decoded frames.</summary>
    /// <returns>The frames accepted.</returns>
    public int Validate()
    {
        int b = Next(2);
        if (b == 0)
        {
            _validator.Reset();
        }

        // Validation compacts in place; work on a copy so the prepared batch stays intact.
        _decoded[b].CopyTo(_validateScratch, 0);
        return _validator.Validate(Capture.AsSpan(_batchStart[b], _batchLength[b]), _validateScratch, _scratchStatistics);
    }

    /// <summary>Naive validation of the next batch's decoded frames, with the naive pipeline's exception handling.</summary>
    /// <returns>The frames accepted.</returns>
    public int NaiveValidate()
    {
        int b = Next(3);
        if (b == 0)
        {
            _naiveValidator.Reset();
        }

        int accepted = 0;
        foreach (var frame in _naiveDecoded[b])
        {
            try
            {
                _naiveValidator.Validate(frame, _scratchStatistics);
                accepted++;
            }
            catch (FrameRejectedException)
            {
            }
        }

        return accepted;
    }

    /// <summary>Optimized aggregation of the next batch's frames.</summary>
    /// <returns>The windows closed.</returns>
    public int Aggregate()
    {
        int b = Next(4);
        if (b == 0)
        {
            _aggregator.Reset();
        }

        return _aggregator.Aggregate(Capture.AsSpan(_batchStart[b], _batchLength[b]), _decoded[b], _scratchClosed);
    }

    /// <summary>Naive aggregation of the next batch's frames.</summary>
    /// <returns>The windows closed.</returns>
    public int NaiveAggregate()
    {
        int b = Next(5);
        if (b == 0)
        {
            _naiveAggregator.Reset();
        }

        int closed = 0;
        foreach (var frame in _naiveDecoded[b])
        {
            closed += _naiveAggregator.Add(frame).Count;
        }

        return closed;
    }

    /// <summary>Optimized emission of the windows the next batch closes.</summary>
    /// <returns>The bytes written.</returns>
    public int Emit()
    {
        _output.ResetWrittenCount();
        return (int)LineProtocolEmitter.Emit(_closed[Next(6)], _output);
    }

    /// <summary>Naive emission of the windows the next batch closes.</summary>
    /// <returns>The bytes written.</returns>
    public int NaiveEmit()
    {
        _output.ResetWrittenCount();
        int bytes = 0;
        foreach (var window in _closed[Next(7)])
        {
            bytes += NaiveEmitter.Emit(window, _output);
        }

        return bytes;
    }

    /// <summary>Disposes the two pipelines (their meters).</summary>
    public void Dispose()
    {
        _naivePipeline.Dispose();
        _optimizedPipeline.Dispose();
    }

    // The next batch for a cursor; wraps to 0 at the end of the capture (where callers reset their per-sensor state).
    private int Next(int cursor)
    {
        int b = _cursors[cursor];
        _cursors[cursor] = b == _batchStart.Length - 1 ? 0 : b + 1;
        return b;
    }
}
