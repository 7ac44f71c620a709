namespace Meridian.Perf;

/// <summary>What <see cref="SteadyState.Moved"/> found: in the measurement kept (<see cref="FinalMove"/>) and in earlier ones that were measured again.</summary>
internal sealed record Steadiness(string? FinalMove, IReadOnlyList<string> EarlierMoves)
{
    public int Attempts => EarlierMoves.Count + 1;
}
