namespace Meridian.Perf.Profiling;

/// <summary>What a profiling session itself cost: the time to start and stop the EventPipe session, to resolve the
/// stacks, and the size of the trace it produced.</summary>
/// <param name="StartTime">From the request until the session ran (connect to the runtime's diagnostic port, start EventPipe).</param>
/// <param name="RecordedTime">How long the session recorded (the body's run plus nothing else).</param>
/// <param name="StopTime">From the stop request until the whole stream (with the rundown that names the methods) was drained.</param>
/// <param name="ResolveTime">Converting the trace with TraceEvent's TraceLog and turning every event's stack into frame names.</param>
/// <param name="TraceBytes">Size of the EventPipe stream, in bytes.</param>
/// <param name="EventCount">Events in the trace, of every kind.</param>
public sealed record ProfilingSessionStatistics(
    TimeSpan StartTime,
    TimeSpan RecordedTime,
    TimeSpan StopTime,
    TimeSpan ResolveTime,
    long TraceBytes,
    long EventCount)
{
    /// <summary>Gets the trace size per second recorded, in bytes.</summary>
    public double TraceBytesPerSecond => RecordedTime > TimeSpan.Zero ? TraceBytes / RecordedTime.TotalSeconds : 0;

    /// <summary>Formats the statistics on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => FormattableString.Invariant(
        $"session start {StartTime.TotalMilliseconds:0} ms, recorded {RecordedTime.TotalMilliseconds:0} ms, stop {StopTime.TotalMilliseconds:0} ms, resolve {ResolveTime.TotalMilliseconds:0} ms; trace {TraceBytes} B ({TraceBytesPerSecond:0} B/s), {EventCount} events");
}
