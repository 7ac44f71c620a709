using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Meridian.Perf.Profiling;

/// <summary>
/// The garbage collector's pauses, from the runtime's own GC events (an in-process <see cref="EventListener"/> on
/// <c>Microsoft-Windows-DotNETRuntime</c>, GC keyword, informational): each pause from the start of the suspension for a
/// GC (<c>GCSuspendEEBegin</c>) to the end of the restart (<c>GCRestartEEEnd</c>), on the <see cref="Stopwatch"/> clock.
/// The <c>perf_event_open</c> sampler stamps its samples on the same clock (CLOCK_MONOTONIC), so a sample in the
/// runtime's native code inside a pause is the collector's work.
/// </summary>
/// <remarks>
/// <para>One listener for the process, created by the first profile and kept: creating or disposing a listener of the
/// runtime's events makes the runtime restart the session it delivers them through, and events in flight are lost for
/// every listener (core's recorders included). Its keywords never change after that; it costs a few events per GC.</para>
/// <para>The runtime stamps its events with its high-resolution clock and the listener sees them as UTC times converted
/// from it; they are converted back with a pair of readings of both clocks (the two are slewed alike on Linux).</para>
/// </remarks>
internal sealed class GcPauseRecorder : EventListener
{
    private const string RuntimeProviderName = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int SuspendBeginId = 9;
    private const int RestartEndId = 3;

    // SUSPEND_FOR_GC and SUSPEND_FOR_GC_PREP; other suspensions (debugger, code patching) are not GC pauses.
    private const long SuspendForGc = 1;
    private const long SuspendForGcPrep = 6;

    // Pauses older than this are dropped: a profile reads the pauses of its own body, right after it.
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(2);

    private static readonly object Gate = new();
    private static GcPauseRecorder? s_recorder;

    // Field initializers run before the base constructor, which already calls OnEventSourceCreated.
    private readonly object _pausesGate = new();
    private readonly List<(long Start, long End)> _pauses = [];
    private readonly long _referenceUtcTicks = DateTime.UtcNow.Ticks;
    private readonly long _referenceTimestamp = Stopwatch.GetTimestamp();
    private long _pendingStart = -1;
    private long _restarts;

    private GcPauseRecorder()
    {
    }

    /// <summary>Gets the process's recorder, creating it the first time; null where the runtime's events cannot be listened to.</summary>
    public static GcPauseRecorder? Shared
    {
        get
        {
            lock (Gate)
            {
                try
                {
                    return s_recorder ??= new GcPauseRecorder();
                }
                catch (Exception error) when (error is InvalidOperationException or NotSupportedException or PlatformNotSupportedException)
                {
                    return null;
                }
            }
        }
    }

    /// <summary>Gets how many pauses have ended since the recorder started.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Waits until <paramref name="restarts"/> pauses have ended (events arrive asynchronously, usually within
    /// milliseconds) or <paramref name="timeout"/> has passed, and returns the pauses that overlap the span from
    /// <paramref name="from"/> to <paramref name="to"/> (<see cref="Stopwatch"/> timestamps), in nanoseconds, sorted.</summary>
    /// <param name="from">The start of the span.</param>
    /// <param name="to">The end of the span.</param>
    /// <param name="restarts">The count of <see cref="Restarts"/> to wait for.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="complete">Whether every pause arrived (none of their events was lost or late).</param>
    /// <returns>The pauses.</returns>
    public (long Start, long End)[] PausesBetween(long from, long to, long restarts, TimeSpan timeout, out bool complete)
    {
        var clock = Stopwatch.StartNew();
        while (Restarts < restarts && clock.Elapsed < timeout)
        {
            Thread.Sleep(2);
        }

        complete = Restarts >= restarts;

        var start = ToNanoseconds(from);
        var end = ToNanoseconds(to);
        lock (_pausesGate)
        {
            return [.. _pauses.Where(pause => pause.End >= start && pause.Start <= end).OrderBy(static pause => pause.Start)];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeProviderName)
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId == SuspendBeginId)
        {
            var reason = eventData.Payload is { Count: > 0 } payload && eventData.PayloadNames?.IndexOf("Reason") is { } index and >= 0
                ? Convert.ToInt64(payload[index], System.Globalization.CultureInfo.InvariantCulture)
                : SuspendForGc;
            if (reason is SuspendForGc or SuspendForGcPrep)
            {
                lock (_pausesGate)
                {
                    _pendingStart = ToNanoseconds(eventData.TimeStamp);
                }
            }

            return;
        }

        if (eventData.EventId != RestartEndId)
        {
            return;
        }

        var end = ToNanoseconds(eventData.TimeStamp);
        lock (_pausesGate)
        {
            if (_pendingStart >= 0)
            {
                _pauses.Add((_pendingStart, end));
                _pendingStart = -1;
                var oldest = end - (long)(Kept.TotalMilliseconds * 1e6);
                if (_pauses.Count > 1024 && _pauses[0].End < oldest)
                {
                    _pauses.RemoveAll(pause => pause.End < oldest);
                }
            }
        }

        Interlocked.Increment(ref _restarts);
    }

    /// <summary>A <see cref="Stopwatch"/> timestamp in nanoseconds (the clock of the sampler's sample times).</summary>
    public static long ToNanoseconds(long timestamp) => (long)(timestamp * (1e9 / Stopwatch.Frequency));

    private long ToNanoseconds(DateTime utc) =>
        ToNanoseconds(_referenceTimestamp) + ((utc.ToUniversalTime().Ticks - _referenceUtcTicks) * 100);
}
