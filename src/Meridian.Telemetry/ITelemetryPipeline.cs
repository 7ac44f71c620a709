using System.Buffers;

namespace Meridian.Telemetry;

/// <summary>
/// Binary telemetry frames in, InfluxDB line protocol out: decode → validate → aggregate → emit. Implemented twice,
/// <see cref="Naive.NaivePipeline"/> and <see cref="Optimized.OptimizedPipeline"/>, which write the same lines and the
/// same <see cref="Statistics"/> for the same input, however the input is split into chunks.
/// </summary>
/// <remarks>
/// Bad input never throws: every problem is a <see cref="RejectReason"/> or skipped bytes in <see cref="Statistics"/>,
/// and processing goes on. An instance keeps per-sensor state and is used by one thread at a time.
/// </remarks>
public interface ITelemetryPipeline : IDisposable
{
    /// <summary>Gets the implementation's name, "naive" or "optimized" (also the <c>implementation</c> tag of its metrics).</summary>
    string Name { get; }

    /// <summary>Gets the accounting and the per-stage costs so far.</summary>
    TelemetryStatistics Statistics { get; }

    /// <summary>
    /// Processes as much of <paramref name="data"/> as can be decided: whole frames, and garbage up to the next possible
    /// magic. The rest (the start of a frame that has not fully arrived) is left for the next call, prepended to new data.
    /// </summary>
    /// <param name="data">The input bytes not yet consumed.</param>
    /// <param name="isFinal">Whether no more bytes will follow; then everything is consumed and an incomplete frame is <see cref="RejectReason.Truncated"/>.</param>
    /// <param name="output">Where lines of windows that closed are written.</param>
    /// <returns>The number of bytes consumed from the start of <paramref name="data"/>.</returns>
    int ProcessChunk(ReadOnlySpan<byte> data, bool isFinal, IBufferWriter<byte> output);

    /// <summary>Closes every open window and writes its line, in ascending sensor id order. Call once the input has ended.</summary>
    /// <param name="output">Where the lines are written.</param>
    void Complete(IBufferWriter<byte> output);

    /// <summary>
    /// Forgets every sensor's sequence and open window (dropped, not emitted), so that a capture can be replayed as if
    /// for the first time; <see cref="Statistics"/> keep counting.
    /// </summary>
    void ResetSensors();

    /// <summary>Reads <paramref name="input"/> to its end through System.IO.Pipelines, processes it and calls <see cref="Complete"/>.</summary>
    /// <remarks>
    /// <para>
    /// A run that is interrupted — reading <paramref name="input"/> throws (an <see cref="IOException"/>, say), the
    /// <paramref name="cancellationToken"/> is cancelled, or a pending read is cancelled — is finished as if the input
    /// had ended where it stopped: the bytes already read but not yet decided (the start of a frame that had not fully
    /// arrived) are processed as final, so an incomplete frame is <see cref="RejectReason.Truncated"/>; every open
    /// window is completed and its line written, as <see cref="Complete"/> does; and
    /// <see cref="TelemetryStatistics.InterruptedRuns"/> counts the run. Then the exception propagates (a cancelled
    /// pending read returns normally). So the accounting balances after every run, interrupted or not, every accepted
    /// frame's samples reach exactly one line, and the next run on the same instance starts with no open window.
    /// </para>
    /// <para>
    /// An exception thrown by <paramref name="output"/> is a fault of the caller's writer, not of the input: it propagates
    /// at once and the accounting of the batch it interrupted is incomplete.
    /// </para>
    /// </remarks>
    /// <param name="input">The byte stream of frames (and whatever else arrives on it).</param>
    /// <param name="output">Where the lines are written.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>A task that completes when the input has been consumed.</returns>
    ValueTask RunAsync(Stream input, IBufferWriter<byte> output, CancellationToken cancellationToken = default);
}
