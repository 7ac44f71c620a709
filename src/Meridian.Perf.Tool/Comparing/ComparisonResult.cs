namespace Meridian.Perf.Tool.Comparing;

/// <summary>The outcome of <c>compare OLD NEW</c>.</summary>
/// <param name="Old">The old set's description.</param>
/// <param name="New">The new set's description.</param>
/// <param name="Benchmarks">The benchmarks in both, regressions first.</param>
/// <param name="OnlyOld">Names only the old set has.</param>
/// <param name="OnlyNew">Names only the new set has.</param>
/// <param name="Settings">The settings used.</param>
internal sealed record ComparisonResult(string Old, string New, IReadOnlyList<BenchmarkComparison> Benchmarks, IReadOnlyList<string> OnlyOld, IReadOnlyList<string> OnlyNew, CompareSettings Settings)
{
    /// <summary>Gets the regressions.</summary>
    public int Regressions => Benchmarks.Count(b => b.IsRegression);
}
