namespace Meridian.Perf.Runtime;

/// <summary>
/// One recorder's window: opened and closed by its own marker events, it counts what the dispatch thread offers it.
/// </summary>
/// <remarks>
/// The window rule: an event counts when its runtime timestamp lies between the timestamps of the recorder's start and
/// end markers, which the runtime stamps with the same clock. Allocations, contentions and exceptions also have to come
/// from the recorder's thread (with <see cref="RecordedThreads.CurrentThread"/>): the runtime raises them on the thread
/// that allocated, waited or threw, and delivers one thread's events in the order raised, so everything the thread did
/// before its end marker has arrived when the marker arrives. GC events are process-wide and are counted by time alone.
/// </remarks>
internal sealed class RecordingWindow(long id, RuntimeEvents events, RecordedThreads threads, AllocationSampleSource allocationSource)
{
    private const int Pending = 0;
    private const int Open = 1;
    private const int Closed = 2;

    private readonly object _gate = new();
    private readonly int[] _gcByGeneration = new int[3];
    private readonly Dictionary<string, int> _gcByReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _exceptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeTotals> _allocations = new(StringComparer.Ordinal);
    private int _state;
    private long _startTicks;
    private long _stopTicks;
    private ulong _threadId;
    private long _suspendTicks = -1;
    private TimeSpan _pauseTotal;
    private TimeSpan _pauseMax;
    private int _contentions;
    private long _contentionWaitNs;
    private int _allocationSamples;

    public long Id => id;

    public void Begin(long ticks, ulong threadId)
    {
        lock (_gate)
        {
            if (_state == Pending)
            {
                _startTicks = ticks;
                _threadId = threadId;
                _state = Open;
            }
        }
    }

    public void End(long ticks)
    {
        lock (_gate)
        {
            if (_state == Open)
            {
                _stopTicks = ticks;
                _state = Closed;
                Monitor.PulseAll(_gate);
            }
        }
    }

    public bool WaitUntilClosed(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_gate)
        {
            while (_state != Closed)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    return false;
                }

                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(left));
            }

            return true;
        }
    }

    public void Offer(in ObservedEvent observed)
    {
        lock (_gate)
        {
            if (_state != Open || observed.Ticks < _startTicks)
            {
                return;
            }

            switch (observed.Kind)
            {
                case ObservedEventKind.GcStart when events.HasFlag(RuntimeEvents.Gc):
                    _gcByGeneration[Math.Clamp((int)observed.Value, 0, 2)]++;
                    _gcByReason[observed.Name!] = _gcByReason.GetValueOrDefault(observed.Name!) + 1;
                    break;
                case ObservedEventKind.GcSuspendBegin:
                    _suspendTicks = observed.Ticks;
                    break;
                case ObservedEventKind.GcRestartEnd when _suspendTicks >= 0:
                    var pause = TimeSpan.FromTicks(observed.Ticks - _suspendTicks);
                    _pauseTotal += pause;
                    _pauseMax = pause > _pauseMax ? pause : _pauseMax;
                    _suspendTicks = -1;
                    break;
                default:
                    if (threads == RecordedThreads.AllThreads || observed.ThreadId == _threadId)
                    {
                        OfferThreadEvent(observed);
                    }

                    break;
            }
        }
    }

    public RuntimeEventReport BuildReport()
    {
        lock (_gate)
        {
            double totalBytes = _allocations.Values.Sum(static t => t.Bytes);
            var allocations = _allocations
                .Select(pair => new AllocatedType(pair.Key, pair.Value.Samples, pair.Value.Bytes, pair.Value.Objects, totalBytes > 0 ? pair.Value.Bytes / totalBytes : 0))
                .OrderByDescending(static a => a.EstimatedBytes)
                .ThenBy(static a => a.TypeName, StringComparer.Ordinal)
                .ToArray();
            bool pausesRecorded = events.HasFlag(RuntimeEvents.Gc);
            return new RuntimeEventReport(
                events,
                threads,
                TimeSpan.FromTicks(Math.Max(0, _stopTicks - _startTicks)),
                (int[])_gcByGeneration.Clone(),
                new Dictionary<string, int>(_gcByReason, StringComparer.Ordinal),
                pausesRecorded ? _pauseTotal : TimeSpan.Zero,
                pausesRecorded ? _pauseMax : TimeSpan.Zero,
                _contentions,
                TimeSpan.FromTicks(_contentionWaitNs / 100),
                new Dictionary<string, int>(_exceptions, StringComparer.Ordinal),
                events.HasFlag(RuntimeEvents.AllocationSampling) ? allocationSource : AllocationSampleSource.None,
                _allocationSamples,
                allocations);
        }
    }

    private void OfferThreadEvent(in ObservedEvent observed)
    {
        switch (observed.Kind)
        {
            case ObservedEventKind.ContentionStart when events.HasFlag(RuntimeEvents.LockContention):
                _contentions++;
                break;
            case ObservedEventKind.ContentionStop when events.HasFlag(RuntimeEvents.LockContention):
                _contentionWaitNs += observed.Value;
                break;
            case ObservedEventKind.Exception when events.HasFlag(RuntimeEvents.Exceptions):
                _exceptions[observed.Name!] = _exceptions.GetValueOrDefault(observed.Name!) + 1;
                break;
            case ObservedEventKind.Allocation when events.HasFlag(RuntimeEvents.AllocationSampling):
                _allocationSamples++;
                var totals = _allocations.GetValueOrDefault(observed.Name!);
                _allocations[observed.Name!] = new TypeTotals(totals.Samples + 1, totals.Bytes + observed.Bytes, totals.Objects + observed.Objects);
                break;
        }
    }

    private readonly record struct TypeTotals(int Samples, double Bytes, double Objects);
}
