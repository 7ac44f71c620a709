namespace Meridian.Perf.Runtime;

/// <summary>What a recording window needs of one runtime event, parsed once by <see cref="RuntimeEventHub"/> for every window.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Ticks">The runtime's timestamp of the event, in <see cref="DateTime"/> ticks.</param>
/// <param name="ThreadId">The operating-system id of the thread that raised the event.</param>
/// <param name="Name">The GC reason, exception type or allocated type, when the kind has one.</param>
/// <param name="Value">The GC generation collected, or a contention's wait in nanoseconds.</param>
/// <param name="Bytes">An allocation sample's estimated bytes.</param>
/// <param name="Objects">An allocation sample's estimated objects.</param>
internal readonly record struct ObservedEvent(
    ObservedEventKind Kind,
    long Ticks,
    ulong ThreadId,
    string? Name = null,
    long Value = 0,
    double Bytes = 0,
    double Objects = 0);
