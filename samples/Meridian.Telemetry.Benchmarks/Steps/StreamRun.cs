using System.Buffers;

namespace Meridian.Telemetry.Benchmarks.Steps;

/// <summary>One streamed run of a pipeline over the start of a capture, as the audit's "pipeline (stream)" target runs it.</summary>
internal sealed class StreamRun
{
    private readonly byte[] _capture;
    private readonly int _length;
    private readonly ArrayBufferWriter<byte> _output;

    public StreamRun(ITelemetryPipeline pipeline, byte[] capture, int frames, int frameSize)
    {
        Pipeline = pipeline;
        _capture = capture;
        Frames = Math.Min(frames, capture.Length / frameSize);
        _length = Frames * frameSize;
        _output = new ArrayBufferWriter<byte>(Frames * 128);
    }

    public ITelemetryPipeline Pipeline { get; }

    public int Frames { get; }

    public ReadOnlySpan<byte> Output => _output.WrittenSpan;

    public int Run()
    {
        Pipeline.ResetSensors();
        _output.ResetWrittenCount();
        using var stream = new MemoryStream(_capture, 0, _length, writable: false);
        Pipeline.RunAsync(stream, _output).AsTask().GetAwaiter().GetResult();
        return _output.WrittenCount;
    }
}
