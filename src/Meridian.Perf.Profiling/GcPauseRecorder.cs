using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace Meridian.Perf.Profiling;

/// <summary>
/// The garbage collector's pauses while a body runs, from the runtime's own GC events (an in-process
/// <see cref="EventListener"/> on <c>Microsoft-Windows-DotNETRuntime</c>, GC keyword, informational): each pause from
/// the start of the suspension (<c>GCSuspendEEBegin</c>) to the end of the restart (<c>GCRestartEEEnd</c>), on the
/// <see cref="Stopwatch"/> clock. The <c>perf_event_open</c> sampler's samples carry times on the same clock
/// (CLOCK_MONOTONIC), so a sample in the runtime's native code inside a pause is the collector's work.
/// </summary>
/// <remarks>The runtime stamps its events with its high-resolution clock and the listener sees them as UTC times
/// converted from it; the recorder converts them back with a pair of readings of both clocks taken when it starts
/// (the two clocks are slewed alike, so their offset holds for a profile's length).</remarks>
internal sealed class GcPauseRecorder : EventListener
{
    private const string RuntimeProviderName = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int SuspendBeginId = 9;
    private const int RestartEndId = 3;

    private readonly object _gate = new();
    private readonly List<(long Start, long End)> _pauses = [];

    // Field initializers run before the base constructor, which already calls OnEventSourceCreated.
    private readonly long _referenceUtcTicks = DateTime.UtcNow.Ticks;
    private readonly long _referenceTimestamp = Stopwatch.GetTimestamp();
    private long _pendingStart = -1;
    private int _ended;

    private GcPauseRecorder()
    {
    }

    /// <summary>Starts recording, or returns null where the runtime's events cannot be listened to.</summary>
    public static GcPauseRecorder? TryStart()
    {
        try
        {
            return new GcPauseRecorder();
        }
        catch (Exception error) when (error is InvalidOperationException or NotSupportedException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Waits until the pauses of <paramref name="collections"/> collections have been delivered (events arrive
    /// asynchronously) or <paramref name="timeout"/> has passed, and returns the pauses on the <see cref="Stopwatch"/>
    /// clock in nanoseconds, sorted.</summary>
    public (long Start, long End)[] Finish(int collections, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref _ended) < collections && clock.Elapsed < timeout)
        {
            Thread.Sleep(2);
        }

        lock (_gate)
        {
            return [.. _pauses.OrderBy(static pause => pause.Start)];
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
        if (eventData.EventId is not (SuspendBeginId or RestartEndId))
        {
            return;
        }

        var nanoseconds = ToStopwatchNanoseconds(eventData.TimeStamp);
        lock (_gate)
        {
            if (eventData.EventId == SuspendBeginId)
            {
                _pendingStart = nanoseconds;
            }
            else if (_pendingStart >= 0)
            {
                _pauses.Add((_pendingStart, nanoseconds));
                _pendingStart = -1;
                _ended++;
            }
        }
    }

    private long ToStopwatchNanoseconds(DateTime utc)
    {
        var referenceNanoseconds = (long)(_referenceTimestamp * (1e9 / Stopwatch.Frequency));
        return referenceNanoseconds + ((utc.ToUniversalTime().Ticks - _referenceUtcTicks) * 100);
    }
}
