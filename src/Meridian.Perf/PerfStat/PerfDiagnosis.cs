namespace Meridian.Perf;

/// <summary>The verdict of <see cref="PerfStat"/> with the measured reasons behind it.</summary>
/// <param name="Bottleneck">What limited the body.</param>
/// <param name="Reasons">The figures that led to the verdict, one sentence each.</param>
public sealed record PerfDiagnosis(PerfBottleneck Bottleneck, IReadOnlyList<string> Reasons)
{
    /// <summary>Formats the verdict and its reasons on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{PerfDiagnostician.Describe(Bottleneck)}: {string.Join("; ", Reasons)}";
}
