namespace Meridian.Perf;

/// <summary>The batches a comparison took, block by block, and the estimate of the last round.</summary>
internal sealed record SampledComparison(
    double[] Baseline,
    double[] Candidate,
    int Blocks,
    int Rounds,
    ChangeEstimate Estimate,
    TimeSpan MeasuringTime,
    string? StoppedBy);
