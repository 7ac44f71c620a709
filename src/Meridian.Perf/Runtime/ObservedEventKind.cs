namespace Meridian.Perf.Runtime;

/// <summary>The runtime events a recording window counts.</summary>
internal enum ObservedEventKind
{
    GcStart,
    GcSuspendBegin,
    GcRestartEnd,
    ContentionStart,
    ContentionStop,
    Exception,
    Allocation,
}
