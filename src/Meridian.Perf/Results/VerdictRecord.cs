namespace Meridian.Perf.Results;

/// <summary>A timing verdict: the relative change of time per operation, its interval, the p-value and the decision.</summary>
internal sealed class VerdictRecord
{
    /// <summary>Gets the verdict: <c>Faster</c>, <c>Slower</c>, <c>NoChange</c> or <c>Inconclusive</c>.</summary>
    public required string Verdict { get; init; }

    /// <summary>Gets the relative change (0.15 is 15 % slower).</summary>
    public double Change { get; init; }

    /// <summary>Gets the lower bound of the change's interval.</summary>
    public double? Lower { get; init; }

    /// <summary>Gets the upper bound of the change's interval.</summary>
    public double? Upper { get; init; }

    /// <summary>Gets the level of the interval.</summary>
    public double Level { get; init; }

    /// <summary>Gets the two-sided p-value.</summary>
    public double PValue { get; init; }

    /// <summary>Gets the significance level of the whole comparison.</summary>
    public double Alpha { get; init; }

    /// <summary>Gets the smallest relative change that counts.</summary>
    public double NoiseThreshold { get; init; }

    /// <summary>Gets the analysis, in words.</summary>
    public string? Method { get; init; }

    /// <summary>Gets why the verdict is what it is.</summary>
    public string? Reason { get; init; }
}
