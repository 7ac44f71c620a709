using System.Buffers;

namespace Meridian.Telemetry.Audit;

/// <summary>
/// The integrated pipeline as a service runs it: a whole capture read from a <see cref="Stream"/> through
/// System.IO.Pipelines (<see cref="ITelemetryPipeline.RunAsync"/>) and completed, so the lines of the windows still
/// open at the end are written too. Each run forgets the sensors first, so every run is the same steady state.
/// </summary>
internal sealed class StreamTarget : IDisposable
{
    private readonly byte[] _capture;
    private readonly int _length;
    private readonly ArrayBufferWriter<byte> _output;

    public StreamTarget(ITelemetryPipeline pipeline, byte[] capture, int frames, int frameSize)
    {
        Pipeline = pipeline;
        _capture = capture;
        Frames = Math.Min(frames, capture.Length / frameSize);
        _length = Frames * frameSize;
        _output = new ArrayBufferWriter<byte>(Frames * 128);
    }

    public ITelemetryPipeline Pipeline { get; }

    public int Frames { get; }

    /// <summary>Reads the capture through the pipeline once.</summary>
    /// <returns>The bytes written, to consume.</returns>
    public int Run()
    {
        Pipeline.ResetSensors();
        _output.ResetWrittenCount();
        using var stream = new MemoryStream(_capture, 0, _length, writable: false);
        // MemoryStream completes every read synchronously, so this blocks on nothing and stays on this thread.
        Pipeline.RunAsync(stream, _output).AsTask().GetAwaiter().GetResult();
        return _output.WrittenCount;
    }

    public void Dispose() => Pipeline.Dispose();
}
