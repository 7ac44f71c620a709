using System.Buffers;
using System.IO.Pipelines;

namespace Meridian.Telemetry.Naive;

/// <summary>
/// The naive pipeline: the whole of each read buffer copied to an array, decoded into a list of frame objects, then
/// validated, aggregated and emitted with the naive stages. Realistic first-version code, not padded: it does the same
/// work as <see cref="Optimized.OptimizedPipeline"/> and writes the same output.
/// </summary>
public sealed class NaivePipeline : ITelemetryPipeline
{
    private readonly TelemetryPipelineOptions _options;
    private readonly NaiveValidator _validator = new();
    private readonly NaiveAggregator _aggregator = new();
    private readonly TelemetryMetrics? _metrics;

    /// <summary>Creates a pipeline.</summary>
    /// <param name="options">Settings; <see cref="TelemetryPipelineOptions.Default"/> when null. The naive pipeline takes a whole chunk as one batch.</param>
    public NaivePipeline(TelemetryPipelineOptions? options = null)
    {
        _options = options ?? TelemetryPipelineOptions.Default;
        if (_options.PublishMetrics)
        {
            _metrics = new TelemetryMetrics(Statistics, Name, _options.MeterFactory);
        }
    }

    /// <inheritdoc />
    public string Name => "naive";

    /// <inheritdoc />
    public TelemetryStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public int ProcessChunk(ReadOnlySpan<byte> data, bool isFinal, IBufferWriter<byte> output) => Process(data.ToArray(), isFinal, output);

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
        Emit(open, output);
    }

    /// <inheritdoc />
    public async ValueTask RunAsync(Stream input, IBufferWriter<byte> output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var reader = PipeReader.Create(input, new StreamPipeReaderOptions(bufferSize: _options.ReadBufferSize, leaveOpen: true));
        byte[] carried = [];
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
                    FinishInterrupted(carried, output);
                    throw;
                }

                var buffer = result.Buffer;
                Statistics.BytesRead += buffer.Length - carried.Length;
                completed = result.IsCompleted;
                int consumed = Process(buffer.ToArray(), completed, output);
                carried = buffer.Slice(consumed).ToArray();
                reader.AdvanceTo(buffer.GetPosition(consumed), buffer.End);
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
    public void Dispose() => _metrics?.Dispose();

    private void FinishInterrupted(byte[] carried, IBufferWriter<byte> output)
    {
        Process(carried, isFinal: true, output);
        Complete(output);
        Statistics.Interrupted();
    }

    private int Process(byte[] data, bool isFinal, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        bool measure = _options.MeasureStages;
        var statistics = Statistics;

        var probe = StageProbe.Start(measure);
        var frames = NaiveDecoder.Decode(data, isFinal, statistics, out int consumed);
        probe.Stop(statistics, PipelineStage.Decode, frames.Count);

        probe = StageProbe.Start(measure);
        var accepted = new List<NaiveFrame>();
        foreach (var frame in frames)
        {
            try
            {
                _validator.Validate(frame, statistics);
                statistics.Accept(frame.Length);
                accepted.Add(frame);
            }
            catch (FrameRejectedException e)
            {
                statistics.Reject(e.Reason, frame.Length);
            }
        }

        probe.Stop(statistics, PipelineStage.Validate, frames.Count);

        probe = StageProbe.Start(measure);
        var closed = new List<WindowAggregate>();
        foreach (var frame in accepted)
        {
            closed.AddRange(_aggregator.Add(frame));
        }

        probe.Stop(statistics, PipelineStage.Aggregate, accepted.Count);
        Emit(closed, output);
        return consumed;
    }

    private void Emit(List<WindowAggregate> windows, IBufferWriter<byte> output)
    {
        if (windows.Count == 0)
        {
            return;
        }

        var probe = StageProbe.Start(_options.MeasureStages);
        long bytes = 0;
        foreach (var window in windows)
        {
            bytes += NaiveEmitter.Emit(window, output);
        }

        probe.Stop(Statistics, PipelineStage.Emit, windows.Count);
        Statistics.Emitted(windows.Count, bytes);
    }
}
