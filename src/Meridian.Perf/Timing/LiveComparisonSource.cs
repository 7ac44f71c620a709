using System.Diagnostics;

namespace Meridian.Perf;

/// <summary>Batches of the real bodies, with their exact allocations totalled.</summary>
internal struct LiveComparisonSource<TBaseline, TCandidate>(TBaseline baseline, TCandidate candidate, double overhead) : IComparisonSource
    where TBaseline : struct, IBodyInvoker
    where TCandidate : struct, IBodyInvoker
{
    private TBaseline _baseline = baseline;
    private TCandidate _candidate = candidate;

    public long BaselineOperations;
    public long CandidateOperations;
    public long BaselineBytes;
    public long CandidateBytes;
    public long BaselineTotalOperations;
    public long CandidateTotalOperations;

    public readonly long Timestamp => Stopwatch.GetTimestamp();

    public WarmupOutcome WarmUp(SamplingPlan plan) =>
        Warmup.Run(ref _baseline, ref BaselineOperations, ref _candidate, ref CandidateOperations, hasSecond: true, plan);

    public double MeasureBaseline()
    {
        var batch = BatchRunner.Run(ref _baseline, BaselineOperations);
        BaselineBytes += batch.Bytes;
        BaselineTotalOperations += batch.Operations;
        return BenchEngine.SubtractOverhead(batch.NanosecondsPerOperation, overhead);
    }

    public double MeasureCandidate()
    {
        var batch = BatchRunner.Run(ref _candidate, CandidateOperations);
        CandidateBytes += batch.Bytes;
        CandidateTotalOperations += batch.Operations;
        return BenchEngine.SubtractOverhead(batch.NanosecondsPerOperation, overhead);
    }
}
