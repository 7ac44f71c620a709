namespace Meridian.Perf;

/// <summary>The calibrated calls per batch of each body.</summary>
internal readonly record struct OperationCounts(long Baseline, long Candidate);
