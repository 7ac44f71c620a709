namespace Meridian.Perf.Tool.Comparing;

/// <summary>How <c>compare</c> decides: the noise threshold and significance of timing verdicts, the allocation tolerance, and what counts as a regression.</summary>
internal sealed record CompareSettings
{
    /// <summary>Gets the smallest relative change of time that counts (0.10 = 10 %); runs on shared CI machines drift by several percent.</summary>
    public double Threshold { get; init; } = 0.10;

    /// <summary>Gets the significance level of each timing verdict.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Gets the bytes per operation an allocation may grow by before it is a regression (allocations are exact: 0 by default).</summary>
    public double AllocationTolerance { get; init; }

    /// <summary>Gets whether an inconclusive timing verdict fails the comparison.</summary>
    public bool FailOnInconclusive { get; init; }

    /// <summary>Gets whether more bytes per operation fails the comparison.</summary>
    public bool FailOnAllocations { get; init; } = true;

    /// <summary>Gets whether a slower verdict fails the comparison.</summary>
    public bool FailOnSlower { get; init; } = true;
}
