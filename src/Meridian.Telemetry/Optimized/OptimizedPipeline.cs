using System.Buffers;
using System.IO.Pipelines;

namespace Meridian.Telemetry.Optimized;

/// <summary>
/// The optimized pipeline: stages run over batches of up to <see cref="TelemetryPipelineOptions.BatchCapacity"/>
/// frames that stay in the input buffer (<see cref="FrameRef"/>), with pre-sized state, hardware CRC-32C and UTF-8
/// formatting. Zero allocations per frame in steady state.
/// </summary>
public sealed class OptimizedPipeline : ITelemetryPipeline
{
    private readonly TelemetryPipelineOptions _options;
    private readonly FrameRef[] _frames;
    private readonly WindowAggregate[] _closed;
    private readonly FrameValidator _validator;

    // Each accepted frame's sensor index in the per-sensor table the validator and the aggregator share: one lookup per frame.
    private readonly int[] _sensorIndexes;
    private readonly WindowAggregator _aggregator;
    private readonly TelemetryMetrics? _metrics;

    // Frames that straddle two segments of a ReadOnlySequence are decoded from here.
    private readonly byte[] _stitch = new byte[2 * FrameFormat.MaxFrameSize];

    // The bytes a read left undecided, kept until the next read in case the run is interrupted (see KeepCarried).
    private byte[] _carry = new byte[2 * FrameFormat.MaxFrameSize];

    // Created on the first RunAsync; its blocks are reused by every later run.
    private RecyclingMemoryPool? _pool;

    /// <summary>Creates a pipeline.</summary>
    /// <param name="options">Settings; <see cref="TelemetryPipelineOptions.Default"/> when null.</param>
    /// <param name="expectedSensors">How many sensors to size the per-sensor tables for.</param>
    public OptimizedPipeline(TelemetryPipelineOptions? options = null, int expectedSensors = 1024)
    {
        _options = options ?? TelemetryPipelineOptions.Default;
        _frames = new FrameRef[_options.BatchCapacity];
        _closed = new WindowAggregate[_options.BatchCapacity];
        var sensors = new SensorTable<SensorState>(expectedSensors);
        _validator = new FrameValidator(sensors);
        _aggregator = new WindowAggregator(sensors);
        _sensorIndexes = new int[_options.BatchCapacity];
        if (_options.PublishMetrics)
        {
            _metrics = new TelemetryMetrics(Statistics, Name, _options.MeterFactory);
        }
    }

    /// <inheritdoc />
    public string Name => "optimized";

    /// <inheritdoc />
    public TelemetryStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public int ProcessChunk(ReadOnlySpan<byte> data, bool isFinal, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        bool measure = _options.MeasureStages;
        var statistics = Statistics;
        int position = 0;
        while (true)
        {
            var buffer = data[position..];

            var probe = StageProbe.Start(measure);
            int decoded = FrameDecoder.Decode(buffer, isFinal, _frames, statistics, out int consumed);
            probe.Stop(statistics, PipelineStage.Decode, decoded);

            if (decoded > 0)
            {
                probe = StageProbe.Start(measure);
                int accepted = _validator.Validate(buffer, _frames.AsSpan(0, decoded), statistics, _sensorIndexes);
                probe.Stop(statistics, PipelineStage.Validate, decoded);

                probe = StageProbe.Start(measure);
                int closed = _aggregator.Aggregate(buffer, _frames.AsSpan(0, accepted), _sensorIndexes, _closed);
                probe.Stop(statistics, PipelineStage.Aggregate, accepted);

                if (closed > 0)
                {
                    probe = StageProbe.Start(measure);
                    long bytes = LineProtocolEmitter.Emit(_closed.AsSpan(0, closed), output);
                    probe.Stop(statistics, PipelineStage.Emit, closed);
                    statistics.Emitted(closed, bytes);
                }
            }

            position += consumed;
            if (decoded < _frames.Length)
            {
                // The decoder stopped because the rest needs more data (or there is no rest), not because the batch was full.
                return position;
            }
        }
    }

    /// <inheritdoc />
    public void ResetSensors()
    {
        _validator.Reset();
        _aggregator.Reset();
    }

    /// <inheritdoc />
    public void Complete(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var probe = StageProbe.Start(_options.MeasureStages);
        var open = _aggregator.CloseAll();
        probe.Stop(Statistics, PipelineStage.Aggregate, 0);

        probe = StageProbe.Start(_options.MeasureStages);
        long bytes = LineProtocolEmitter.Emit(open, output);
        probe.Stop(Statistics, PipelineStage.Emit, open.Length);
        Statistics.Emitted(open.Length, bytes);
    }

    /// <inheritdoc />
    public async ValueTask RunAsync(Stream input, IBufferWriter<byte> output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        _pool ??= new RecyclingMemoryPool(_options.ReadBufferSize);
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(_pool, _options.ReadBufferSize, FrameFormat.MaxFrameSize, leaveOpen: true));
        int carried = 0;
        bool completed = false;
        try
        {
            while (!completed)
            {
                ReadResult result;
                try
                {
                    result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The input failed or the run was cancelled: finish as if the input had ended here (see ITelemetryPipeline.RunAsync).
                    FinishInterrupted(carried, output);
                    throw;
                }

                var buffer = result.Buffer;
                Statistics.BytesRead += buffer.Length - carried;
                completed = result.IsCompleted;
                var rest = Consume(buffer, completed, output);
                carried = KeepCarried(rest);
                reader.AdvanceTo(rest.Start, buffer.End);
                if (result.IsCanceled && !completed)
                {
                    FinishInterrupted(carried, output);
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        Complete(output);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _metrics?.Dispose();
        _pool?.Dispose();
    }

    // The bytes left for the next read (the start of a frame that has not fully arrived, at most one frame) are copied
    // aside, so that a run interrupted before that read can still decide them.
    private int KeepCarried(ReadOnlySequence<byte> rest)
    {
        if (rest.Length > _carry.Length)
        {
            _carry = new byte[(int)rest.Length];
        }

        rest.CopyTo(_carry);
        return (int)rest.Length;
    }

    private void FinishInterrupted(int carried, IBufferWriter<byte> output)
    {
        int consumed = ProcessChunk(_carry.AsSpan(0, carried), isFinal: true, output);
        System.Diagnostics.Debug.Assert(consumed == carried, "A final chunk is consumed whole.");
        Complete(output);
        Statistics.Interrupted();
    }

    // Processes every segment in place; only a frame that straddles a segment boundary is copied (into _stitch).
    private ReadOnlySequence<byte> Consume(ReadOnlySequence<byte> buffer, bool isCompleted, IBufferWriter<byte> output)
    {
        while (!buffer.IsEmpty)
        {
            bool single = buffer.IsSingleSegment;
            int consumed = ProcessChunk(buffer.FirstSpan, isCompleted && single, output);
            buffer = buffer.Slice(consumed);
            if (single || buffer.IsEmpty)
            {
                break;
            }

            if (buffer.FirstSpan.Length > FrameFormat.MaxFrameSize)
            {
                // Not at the tail of the first segment yet (the batch was cut short); keep going in place.
                continue;
            }

            int stitched = (int)Math.Min(buffer.Length, _stitch.Length);
            buffer.Slice(0, stitched).CopyTo(_stitch);
            consumed = ProcessChunk(_stitch.AsSpan(0, stitched), isCompleted && stitched == buffer.Length, output);
            if (consumed == 0)
            {
                break;
            }

            buffer = buffer.Slice(consumed);
        }

        return buffer;
    }
}
