namespace Meridian.Perf;

/// <summary>What <see cref="SteadyState.Moved"/> found: in the measurement kept (<see cref="FinalMove"/>) and in earlier ones that were measured again.</summary>
internal sealed record Steadiness(string? FinalMove, IReadOnlyList<string> EarlierMoves, double? CpuShare)
{
    /// <summary>Below this share of the measuring time on a CPU, most batches were interrupted, and the result says so.</summary>
    public const double MinimumCpuShare = 0.25;

    public bool Starved => CpuShare < MinimumCpuShare;

    public int Attempts => EarlierMoves.Count + 1;
}
