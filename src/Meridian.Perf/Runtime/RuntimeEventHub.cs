using System.Diagnostics.Tracing;
using System.Globalization;

namespace Meridian.Perf.Runtime;

/// <summary>
/// The one process-wide <see cref="EventListener"/> on <c>Microsoft-Windows-DotNETRuntime</c> behind every
/// <see cref="RuntimeEventRecorder"/>. Recorders attach and detach by reference count: the first switches the runtime
/// events on, the last switches them off (<see cref="EventListener.DisableEvents"/>), so with no recorder active the
/// runtime raises nothing and the cost is zero.
/// </summary>
/// <remarks>
/// The listener always asks for the same keywords (GC, contention, exceptions and allocation sampling), whatever kinds
/// the recorders want: changing them would make the runtime restart its event session under the recorders already
/// reading it, and events in flight would be lost. A recorder keeps only the kinds it asked for.
/// </remarks>
internal sealed class RuntimeEventHub : EventListener
{
    private const int GcStartId = 1;
    private const int GcRestartEEEndId = 3;
    private const int GcSuspendEEBeginId = 9;
    private const int GcAllocationTickId = 10;
    private const int ExceptionThrownId = 80;
    private const int ContentionStartId = 81;
    private const int ContentionStopId = 91;
    private const int AllocationSampledId = 303;

    // SUSPEND_FOR_GC and SUSPEND_FOR_GC_PREP; other suspensions (debugger, code patching) are not GC pauses.
    private const long SuspendForGc = 1;
    private const long SuspendForGcPrep = 6;

    private static readonly object Gate = new();
    private static RuntimeEventHub? s_hub;
    private static int s_users;

    private static readonly string[] GcReasons =
    [
        "AllocSmall", "Induced", "LowMemory", "Empty", "AllocLarge", "OutOfSpaceSOH", "OutOfSpaceLOH", "InducedNotForced",
        "Internal", "InducedLowMemory", "InducedCompacting", "LowMemoryHost", "PMFullGC", "LowMemoryHostBlocking",
        "BGCTuningSOH", "BGCTuningLOH", "BGCStepping", "InducedAggressive",
    ];

    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(1);
    private const int EnableAttempts = 3;

    private readonly ManualResetEventSlim _probeSeen = new();
    private EventSource? _runtime;
    private RecordingWindow[] _windows = [];
    private long _lastProbe;
    private string? _expectedProbe;

    /// <summary>Gets the allocation event this runtime offers: <c>AllocationSampled</c> from .NET 10 on, <c>GCAllocationTick</c> before.</summary>
    public static AllocationSampleSource AllocationSource { get; } =
        Environment.Version.Major >= 10 ? AllocationSampleSource.AllocationSampled : AllocationSampleSource.GCAllocationTick;

    /// <summary>Gets whether the runtime's events are switched on for this listener now.</summary>
    public static bool EventsEnabled
    {
        get
        {
            lock (Gate)
            {
                return s_hub?._runtime is { } runtime && s_users > 0 && runtime.IsEnabled();
            }
        }
    }

    /// <summary>Gets the number of recorders attached now (for tests).</summary>
    public static int Users
    {
        get
        {
            lock (Gate)
            {
                return s_users;
            }
        }
    }

    public static void Attach(RecordingWindow window)
    {
        lock (Gate)
        {
            var hub = s_hub ??= new RuntimeEventHub();
            if (hub._runtime is null)
            {
                throw new NotSupportedException(
                    $"The runtime's event source '{DotNetRuntimeProvider.Name}' is not available in this process (EventSource support may be disabled: " +
                    "<EventSourceSupport>false</EventSourceSupport> or a trimmed app), so runtime events cannot be recorded.");
            }

            Volatile.Write(ref hub._windows, [.. hub._windows, window]);
            if (s_users++ == 0)
            {
                // AllocationSampled is Informational; GCAllocationTick, its fallback, needs the GC keyword at Verbose.
                var level = AllocationSource == AllocationSampleSource.AllocationSampled ? EventLevel.Informational : EventLevel.Verbose;
                long keywords = DotNetRuntimeProvider.GcKeyword | DotNetRuntimeProvider.ContentionKeyword | DotNetRuntimeProvider.ExceptionKeyword |
                    (AllocationSource == AllocationSampleSource.AllocationSampled ? DotNetRuntimeProvider.AllocationSamplingKeyword : 0);
                hub.EnableConfirmed(level, (EventKeywords)keywords);
            }
        }
    }

    public static void Detach(RecordingWindow window)
    {
        lock (Gate)
        {
            var hub = s_hub!;
            int index = Array.IndexOf(hub._windows, window);
            if (index < 0)
            {
                return;
            }

            Volatile.Write(ref hub._windows, [.. hub._windows.Where(w => w != window)]);
            if (--s_users == 0)
            {
                hub.DisableEvents(hub._runtime!);
            }
        }
    }

    /// <summary>
    /// Switches the runtime's events on and waits until a probe marker comes back through them. Measured here: switching
    /// them off and on again in quick succession (the last recorder stops, the next starts) now and then left the session
    /// delivering nothing, and recorders then timed out waiting for their end marker (3 of 9 runs of a loop of 300–400
    /// start/stop pairs with a forced GC in every other window; none of 7 runs while an outer recorder kept the events on).
    /// A probe that does not arrive means the enable was lost: switch off and on again.
    /// </summary>
    private void EnableConfirmed(EventLevel level, EventKeywords keywords)
    {
        for (int attempt = 1; attempt <= EnableAttempts; attempt++)
        {
            if (attempt > 1)
            {
                DisableEvents(_runtime!);
            }

            EnableEvents(_runtime!, level, keywords);
            _probeSeen.Reset();
            long probe = ++_lastProbe;
            Volatile.Write(ref _expectedProbe, $"{RecorderMarkerException.ProbeWord} {probe}");
            RecorderMarkerException.Raise(new RecorderMarkerException(RecorderMarkerException.ProbeWord, probe));
            if (_probeSeen.Wait(ProbeWait))
            {
                return;
            }
        }

        // Still nothing: the recorder's Stop reports the missing events with a clear timeout rather than a partial report.
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == DotNetRuntimeProvider.Name)
        {
            _runtime = eventSource;
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var windows = Volatile.Read(ref _windows);
        if (windows.Length == 0)
        {
            return;
        }

        long ticks = eventData.TimeStamp.Ticks;
        ulong thread = (ulong)eventData.OSThreadId;
        ObservedEvent observed;
        switch (eventData.EventId)
        {
            case GcStartId:
                long reason = Number(eventData, "Reason");
                string reasonName = reason >= 0 && reason < GcReasons.Length ? GcReasons[reason] : $"Reason{reason}";
                observed = new ObservedEvent(ObservedEventKind.GcStart, ticks, thread, reasonName, Number(eventData, "Depth"));
                break;
            case GcSuspendEEBeginId:
                long suspendReason = Number(eventData, "Reason");
                if (suspendReason != SuspendForGc && suspendReason != SuspendForGcPrep)
                {
                    return;
                }

                observed = new ObservedEvent(ObservedEventKind.GcSuspendBegin, ticks, thread);
                break;
            case GcRestartEEEndId:
                observed = new ObservedEvent(ObservedEventKind.GcRestartEnd, ticks, thread);
                break;
            case ContentionStartId:
                observed = new ObservedEvent(ObservedEventKind.ContentionStart, ticks, thread);
                break;
            case ContentionStopId:
                observed = new ObservedEvent(ObservedEventKind.ContentionStop, ticks, thread, Value: Math.Max(0, Number(eventData, "DurationNs")));
                break;
            case ExceptionThrownId:
                string type = Text(eventData, "ExceptionType") ?? "(unknown)";
                if (type == RecorderMarkerException.TypeName)
                {
                    string? message = Text(eventData, "ExceptionMessage");
                    if (message is not null && message == Volatile.Read(ref _expectedProbe))
                    {
                        _probeSeen.Set();
                        return;
                    }

                    OnMarker(windows, message, ticks, thread);
                    return;
                }

                observed = new ObservedEvent(ObservedEventKind.Exception, ticks, thread, type);
                break;
            case AllocationSampledId:
                var (bytes, objects) = AllocationWeights.ForSampled(Number(eventData, "ObjectSize"));
                observed = new ObservedEvent(ObservedEventKind.Allocation, ticks, thread, Text(eventData, "TypeName") ?? "(unknown)", 0, bytes, objects);
                break;
            case GcAllocationTickId:
                long amount = Number(eventData, "AllocationAmount64");
                var (tickBytes, tickObjects) = AllocationWeights.ForTick(amount > 0 ? amount : Number(eventData, "AllocationAmount"), Number(eventData, "ObjectSize"));
                observed = new ObservedEvent(ObservedEventKind.Allocation, ticks, thread, Text(eventData, "TypeName") ?? "(unknown)", 0, tickBytes, tickObjects);
                break;
            default:
                return;
        }

        foreach (var window in windows)
        {
            window.Offer(observed);
        }
    }

    private static void OnMarker(RecordingWindow[] windows, string? message, long ticks, ulong thread)
    {
        if (!RecorderMarkerException.TryParse(message, out bool isStart, out long id))
        {
            return;
        }

        foreach (var window in windows)
        {
            if (window.Id != id)
            {
                continue;
            }

            if (isStart)
            {
                window.Begin(ticks, thread);
            }
            else
            {
                window.End(ticks);
            }
        }
    }

    private static object? Field(EventWrittenEventArgs eventData, string name)
    {
        int index = eventData.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 && eventData.Payload is { } payload && index < payload.Count ? payload[index] : null;
    }

    private static long Number(EventWrittenEventArgs eventData, string name) => Field(eventData, name) switch
    {
        null => -1,
        ulong u => u > long.MaxValue ? long.MaxValue : (long)u,
        IConvertible value => value.ToInt64(CultureInfo.InvariantCulture),
        _ => -1,
    };

    private static string? Text(EventWrittenEventArgs eventData, string name) => Field(eventData, name) as string;
}
