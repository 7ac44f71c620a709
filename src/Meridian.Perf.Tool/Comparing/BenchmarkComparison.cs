namespace Meridian.Perf.Tool.Comparing;

/// <summary>One benchmark found in both sets: its timing change, its allocation change, and whether it is a regression.</summary>
/// <param name="Name">The benchmark's name.</param>
/// <param name="Time">The timing change; null when neither side measured time.</param>
/// <param name="Allocation">The allocation change; null when a side did not measure allocations.</param>
/// <param name="IsRegression">Whether the settings make this a failure.</param>
/// <param name="Reason">Why it is, or is not, a regression, in words.</param>
internal sealed record BenchmarkComparison(string Name, TimeChange? Time, AllocationChange? Allocation, bool IsRegression, string Reason)
{
    /// <summary>Gets the order rows are shown in: regressions, then slower, inconclusive, more bytes, the rest.</summary>
    public int Rank => IsRegression ? 0
        : Time?.Verdict == Verdict.Slower ? 1
        : Time?.Verdict == Verdict.Inconclusive ? 2
        : Allocation is { Difference: > 0 } ? 3
        : 4;
}
