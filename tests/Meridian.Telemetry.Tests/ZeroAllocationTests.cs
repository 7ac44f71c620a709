using System.Buffers;
using Meridian.Perf;
using Meridian.Perf.Xunit;
using Meridian.Telemetry.Optimized;

namespace Meridian.Telemetry.Tests;

/// <summary>
/// Every optimized stage, and the whole optimized pipeline, allocates nothing per frame in steady state: asserted
/// exactly with <c>[ZeroAllocFact]</c> (Meridian.Perf.Xunit) over batches of <see cref="BatchFrames"/> frames. The
/// adapter runs each test once as xunit does, then calls its body again on the same instance (3 warm-up calls, then
/// 5 windows of 100 calls: 128 000 frames measured per test) and fails it when every window allocated.
/// </summary>
/// <remarks>
/// Each body generates fresh input (the next batch of the sensors' sequences, so the validator sees the steady state,
/// not duplicates) outside <see cref="Allocations.Region"/>, so that only the stage is counted.
/// </remarks>
public sealed class ZeroAllocationTests
{
    private const int BatchFrames = 256;

    private readonly FrameGenerator _generator = new(new GeneratorOptions { SensorCount = 200 });
    private readonly byte[] _buffer;
    private readonly FrameRef[] _frames = new FrameRef[BatchFrames];
    private readonly WindowAggregate[] _closed = new WindowAggregate[BatchFrames];
    private readonly TelemetryStatistics _statistics = new();
    private readonly FrameValidator _validator = new();
    private readonly WindowAggregator _aggregator = new();
    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private readonly OptimizedPipeline _pipeline = new();
    private int _length;

    public ZeroAllocationTests()
    {
        _buffer = new byte[(BatchFrames * FrameFormat.FrameSize(16)) + _generator.MaxUnitSize];
        var random = new Random(1);
        for (int i = 0; i < _closed.Length; i++)
        {
            float level = 10 + random.NextSingle() * 30;
            _closed[i] = new WindowAggregate((uint)(1000 + i), 1_700_000_000_000_000_000 + (i * 1_000_000_000L), 64, level - random.NextSingle(), level + random.NextSingle(), level);
        }
    }

    [ZeroAllocFact]
    public void Decode_allocates_nothing_per_frame() => DecodeBody();

    [ZeroAllocFact]
    public void Validate_allocates_nothing_per_frame() => ValidateBody();

    [ZeroAllocFact]
    public void Aggregate_allocates_nothing_per_frame() => AggregateBody();

    [ZeroAllocFact]
    public void Emit_allocates_nothing_per_line() => EmitBody();

    [ZeroAllocFact]
    public void The_whole_pipeline_allocates_nothing_per_frame() => PipelineBody();

    [Fact]
    public void Reading_a_stream_allocates_the_same_for_ten_thousand_and_forty_thousand_frames()
    {
        // One generator for all runs, so every run continues the sensors' sequences: steady state, not duplicates.
        var generator = new FrameGenerator();
        var output = new ArrayBufferWriter<byte>(4 << 20);
        using var pipeline = new OptimizedPipeline();
        for (int i = 0; i < 3; i++)
        {
            Run(pipeline, generator.GenerateCapture(10_000), output);
        }

        long smallBytes = Run(pipeline, generator.GenerateCapture(10_000), output);
        long largeBytes = Run(pipeline, generator.GenerateCapture(40_000), output);

        // What is left is per run (the PipeReader, the windows still open at the end), not per frame.
        Assert.True(
            largeBytes == smallBytes,
            $"RunAsync allocated {smallBytes} B for 10 000 frames and {largeBytes} B for 40 000 frames; the difference is what 30 000 more frames cost.");
        Assert.Equal(80_000, pipeline.Statistics.FramesAccepted);
    }

    private static long Run(OptimizedPipeline pipeline, byte[] capture, ArrayBufferWriter<byte> output)
    {
        var stream = new MemoryStream(capture, writable: false);
        output.ResetWrittenCount();
        var scope = AllocationScope.Begin();
        // MemoryStream completes every read synchronously, so the whole run stays on this thread.
        var run = pipeline.RunAsync(stream, output);
        long bytes = scope.End();
        Assert.True(run.IsCompletedSuccessfully);
        return bytes;
    }

    private void NextBatch()
    {
        _length = _generator.Write(_buffer, BatchFrames, out int frames);
        Assert.Equal(BatchFrames, frames);
    }

    private void DecodeBody()
    {
        NextBatch();
        using (Allocations.Region())
        {
            FrameDecoder.Decode(_buffer.AsSpan(0, _length), isFinal: true, _frames, _statistics, out _);
        }
    }

    private void ValidateBody()
    {
        NextBatch();
        int decoded = FrameDecoder.Decode(_buffer.AsSpan(0, _length), isFinal: true, _frames, _statistics, out _);
        using (Allocations.Region())
        {
            _validator.Validate(_buffer.AsSpan(0, _length), _frames.AsSpan(0, decoded), _statistics);
        }
    }

    private void AggregateBody()
    {
        NextBatch();
        int decoded = FrameDecoder.Decode(_buffer.AsSpan(0, _length), isFinal: true, _frames, _statistics, out _);
        int accepted = _validator.Validate(_buffer.AsSpan(0, _length), _frames.AsSpan(0, decoded), _statistics);
        using (Allocations.Region())
        {
            _aggregator.Aggregate(_buffer.AsSpan(0, _length), _frames.AsSpan(0, accepted), _closed);
        }
    }

    private void EmitBody()
    {
        _output.ResetWrittenCount();
        using (Allocations.Region())
        {
            LineProtocolEmitter.Emit(_closed, _output);
        }
    }

    private void PipelineBody()
    {
        NextBatch();
        _output.ResetWrittenCount();
        using (Allocations.Region())
        {
            _pipeline.ProcessChunk(_buffer.AsSpan(0, _length), isFinal: false, _output);
        }
    }
}
