namespace Meridian.Perf.Runtime;

/// <summary>The kinds of runtime events a <see cref="RuntimeEventRecorder"/> keeps. Combine them with <c>|</c>.</summary>
[Flags]
public enum RuntimeEvents
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Garbage collections: count by generation and reason, and the time the runtime was paused for them. GCs are process-wide, so they are recorded whatever <see cref="RecordedThreads"/> says.</summary>
    Gc = 1,

    /// <summary>Sampled allocations: estimated bytes and objects per type (the .NET 10 <c>AllocationSampled</c> event, or <c>GCAllocationTick</c> on older runtimes).</summary>
    AllocationSampling = 2,

    /// <summary>Contended <see cref="Monitor"/> locks: how often a thread had to wait, and for how long.</summary>
    LockContention = 4,

    /// <summary>Exceptions thrown (caught or not), counted by type.</summary>
    Exceptions = 8,

    /// <summary>Every kind.</summary>
    All = Gc | AllocationSampling | LockContention | Exceptions,
}
