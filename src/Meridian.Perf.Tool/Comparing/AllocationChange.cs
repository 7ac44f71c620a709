namespace Meridian.Perf.Tool.Comparing;

/// <summary>The change of exact bytes allocated per operation (no statistics: allocations do not drift).</summary>
/// <param name="OldBytes">The old set's bytes per operation (the median over its runs).</param>
/// <param name="NewBytes">The new set's bytes per operation (the median over its runs).</param>
internal sealed record AllocationChange(double OldBytes, double NewBytes)
{
    /// <summary>Gets the difference, new − old.</summary>
    public double Difference => NewBytes - OldBytes;
}
