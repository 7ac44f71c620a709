namespace Meridian.Perf.Results;

/// <summary>An exact allocation measurement: bytes per call, its windows, the budget and whether it held.</summary>
internal sealed class AllocationRecord
{
    /// <summary>Gets the reported bytes per call (the smallest window's); null when the measurement was unreliable.</summary>
    public double? BytesPerCall { get; init; }

    /// <summary>Gets the budget in bytes per call, for assertions and <c>[ZeroAlloc]</c>.</summary>
    public long? BudgetBytesPerCall { get; init; }

    /// <summary>Gets whether the budget held; null for a measurement without a budget.</summary>
    public bool? Passed { get; init; }

    /// <summary>Gets the exact bytes of each window.</summary>
    public IReadOnlyList<long> WindowBytes { get; init; } = [];

    /// <summary>Gets the calls in each window.</summary>
    public int CallsPerWindow { get; init; }

    /// <summary>Gets the warm-up calls before the windows.</summary>
    public int WarmupCalls { get; init; }

    /// <summary>Gets whether only <c>Allocations.Region()</c> blocks were counted.</summary>
    public bool RegionsOnly { get; init; }

    /// <summary>Gets whether the body was asynchronous.</summary>
    public bool Async { get; init; }

    /// <summary>Gets why the measurement cannot be trusted, when it cannot.</summary>
    public string? UnreliableReason { get; init; }
}
