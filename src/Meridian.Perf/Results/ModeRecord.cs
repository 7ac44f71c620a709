namespace Meridian.Perf.Results;

/// <summary>The measurement mode (<see cref="MeasurementMode"/>) as stored with a result.</summary>
internal sealed class ModeRecord
{
    /// <summary>Gets whether user code was optimized from its first call.</summary>
    public bool OptimizedFromFirstCall { get; init; }

    /// <summary>Gets whether concurrent GC was on.</summary>
    public bool ConcurrentGc { get; init; }

    /// <summary>Gets whether server GC was on.</summary>
    public bool ServerGc { get; init; }

    /// <summary>Gets the mode in words.</summary>
    public string? Description { get; init; }
}
