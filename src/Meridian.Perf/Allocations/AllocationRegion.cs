namespace Meridian.Perf;

/// <summary>
/// Marks the part of a measured body whose allocations count; arrange and assert code outside it is not counted.
/// Created by <see cref="Allocations.Region"/>. Outside a measurement it does nothing.
/// </summary>
/// <remarks>Disposing the region ends it. Nested regions count once, as the outermost one.</remarks>
public readonly struct AllocationRegion : IDisposable
{
    private readonly long _startBytes;
    private readonly bool _active;

    internal AllocationRegion(long startBytes)
    {
        _startBytes = startBytes;
        _active = true;
    }

    /// <summary>Ends the region and adds what it allocated to the current measurement window.</summary>
    public void Dispose()
    {
        if (_active)
        {
            RegionAccumulator.Exit(_startBytes);
        }
    }
}
