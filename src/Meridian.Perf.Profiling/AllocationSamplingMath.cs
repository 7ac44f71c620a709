namespace Meridian.Perf.Profiling;

/// <summary>
/// The estimator for .NET 10's <c>AllocationSampled</c> event. The runtime samples allocated bytes as a Bernoulli
/// process: each byte starts a sample with probability p = 1/102400 (a mean of one sample per 100 KiB), so an object of
/// <c>size</c> bytes is sampled with probability 1 − (1 − p)^size. Weighting each sampled object by the inverse of that
/// probability gives unbiased estimates (Horvitz–Thompson): objects 1 / (1 − (1 − p)^size), bytes size / (1 − (1 − p)^size).
/// </summary>
/// <remarks>Source: the runtime's design note for randomized allocation sampling (dotnet/runtime
/// docs/design/features/RandomizedAllocationSampling.md), which gives this weighting.</remarks>
internal static class AllocationSamplingMath
{
    public const double BytesPerSampleMean = 102_400;

    public static double SampleProbability(long objectSize) =>
        -double.ExpM1(objectSize * Math.Log(1 - (1 / BytesPerSampleMean)));

    public static double EstimatedObjects(long objectSize) => 1 / SampleProbability(objectSize);

    public static double EstimatedBytes(long objectSize) => objectSize / SampleProbability(objectSize);
}
