using System.Globalization;

namespace Meridian.Perf.Runtime;

/// <summary>
/// Records what the runtime did in a window of time: garbage collections, sampled allocations by type, lock
/// contentions and exceptions, from the runtime's own events (<c>Microsoft-Windows-DotNETRuntime</c>) read in process,
/// on any OS, under a plain test runner.
/// </summary>
/// <remarks>
/// <para><c>using var recorder = RuntimeEventRecorder.Start(RuntimeEvents.Gc | RuntimeEvents.AllocationSampling);</c>
/// ... <c>RuntimeEventReport report = recorder.Stop();</c></para>
/// <para>All recorders share one process-wide listener by reference count; the runtime's events are switched on while
/// at least one recorder is active and off again when the last one ends, so an idle recorder costs nothing. A recorder
/// that is neither stopped nor disposed keeps them on for the rest of the process: always <c>using</c> it.</para>
/// <para>Which events a window gets: those the runtime stamped between the window's start and end markers (two
/// exceptions the recorder throws and catches itself, so they reach the event stream in order with everything else;
/// they are left out of every report, but <see cref="AppDomain.FirstChanceException"/> handlers see them). With
/// <see cref="RecordedThreads.CurrentThread"/> (the default), allocations, contentions and exceptions must also come
/// from the thread that started the recorder, so concurrent recorders on different threads never see each other's work.
/// GCs stop every thread and are counted for every window they fall in.</para>
/// <para>Runtime events reach the listener asynchronously (typically 5–20 ms later) and disposing a listener does not
/// flush them, so <see cref="Stop()"/> waits until its end marker has been delivered: then every event of the window
/// is in the report.</para>
/// </remarks>
public sealed class RuntimeEventRecorder : IDisposable
{
    private static long s_lastId;

    private readonly RecordingWindow _window;
    private readonly RecorderMarkerException _endMarker;
    private int _ended;

    private RuntimeEventRecorder(RuntimeEvents events, RecordedThreads threads)
    {
        Events = events;
        Threads = threads;
        long id = Interlocked.Increment(ref s_lastId);
        _window = new RecordingWindow(id, events, threads, AllocationSource);
        _endMarker = new RecorderMarkerException(RecorderMarkerException.StopWord, id);
        var startMarker = new RecorderMarkerException(RecorderMarkerException.StartWord, id);
        RuntimeEventHub.Attach(_window);
        RecorderMarkerException.Raise(startMarker);
    }

    /// <summary>Gets how long <see cref="Stop()"/> waits for the runtime to deliver the window's last events: 10 seconds.</summary>
    public static TimeSpan DefaultFlushTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets the allocation event this runtime provides: <c>AllocationSampled</c> on .NET 10 and later, <c>GCAllocationTick</c> before.</summary>
    public static AllocationSampleSource AllocationSource => RuntimeEventHub.AllocationSource;

    /// <summary>Gets the kinds of events this recorder keeps.</summary>
    public RuntimeEvents Events { get; }

    /// <summary>Gets whose allocations, contentions and exceptions this recorder keeps.</summary>
    public RecordedThreads Threads { get; }

    /// <summary>Starts recording now.</summary>
    /// <param name="events">The kinds of events to keep.</param>
    /// <param name="threads">Whose allocations, contentions and exceptions to keep; the current thread's by default.</param>
    /// <returns>The recorder; call <see cref="Stop()"/> for the report, or dispose it to abandon the recording.</returns>
    /// <exception cref="NotSupportedException">The runtime's event source is not available in this process.</exception>
    public static RuntimeEventRecorder Start(RuntimeEvents events, RecordedThreads threads = RecordedThreads.CurrentThread)
    {
        if (events == RuntimeEvents.None || (events & ~RuntimeEvents.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(events), events, "Choose one or more kinds of events: RuntimeEvents.Gc, AllocationSampling, LockContention, Exceptions or All.");
        }

        if (threads is not (RecordedThreads.CurrentThread or RecordedThreads.AllThreads))
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "Choose RecordedThreads.CurrentThread or RecordedThreads.AllThreads.");
        }

        return new RuntimeEventRecorder(events, threads);
    }

    /// <summary>Ends the window and waits (at most <see cref="DefaultFlushTimeout"/>) until all of its events are delivered.</summary>
    /// <returns>The report.</returns>
    /// <exception cref="TimeoutException">The runtime did not deliver the window's end in time; no partial report is given.</exception>
    /// <exception cref="InvalidOperationException">The recorder was already stopped or disposed.</exception>
    public RuntimeEventReport Stop() => Stop(DefaultFlushTimeout);

    /// <summary>Ends the window and waits (at most <paramref name="flushTimeout"/>) until all of its events are delivered.</summary>
    /// <param name="flushTimeout">How long to wait for the runtime to deliver the window's last events.</param>
    /// <returns>The report.</returns>
    /// <exception cref="TimeoutException">The runtime did not deliver the window's end in time; no partial report is given.</exception>
    /// <exception cref="InvalidOperationException">The recorder was already stopped or disposed.</exception>
    public RuntimeEventReport Stop(TimeSpan flushTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(flushTimeout, TimeSpan.Zero);
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            throw new InvalidOperationException("This recorder was already stopped or disposed; start a new one for a new window.");
        }

        RecorderMarkerException.Raise(_endMarker);
        bool delivered = _window.WaitUntilClosed(flushTimeout);
        RuntimeEventHub.Detach(_window);
        if (!delivered)
        {
            string seconds = flushTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new TimeoutException(
                $"The runtime did not deliver the end of this recording window within {seconds} s, so events raised near its end " +
                "may still be in flight and no report is given rather than an incomplete one. Runtime events reach the in-process listener " +
                "asynchronously on one dispatch thread (usually within 20 ms); a machine this busy starves it. " +
                "Pass a longer timeout to Stop(TimeSpan), or record less (fewer threads, shorter windows).");
        }

        return _window.BuildReport();
    }

    /// <summary>Ends the window without a report, if <see cref="Stop()"/> was not called; other recorders are not disturbed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            RuntimeEventHub.Detach(_window);
        }
    }
}
