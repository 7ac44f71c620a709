namespace Meridian.Perf.Results;

/// <summary>Units of work per second, from the caller's units per operation and the time per operation.</summary>
internal sealed class ThroughputRecord
{
    /// <summary>Gets the throughput at the mean time.</summary>
    public double Value { get; init; }

    /// <summary>Gets the throughput at the upper bound of the time's interval.</summary>
    public double? Lower { get; init; }

    /// <summary>Gets the throughput at the lower bound of the time's interval.</summary>
    public double? Upper { get; init; }

    /// <summary>Gets the unit, such as <c>frames/s</c>.</summary>
    public required string Unit { get; init; }
}
