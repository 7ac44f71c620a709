namespace Meridian.Perf.Runtime;

/// <summary>What one allocation event stands for: the estimation rule behind every allocation figure Meridian.Perf prints.</summary>
internal static class AllocationWeights
{
    /// <summary>The .NET 10 sampler picks each allocated byte with this probability (a geometric distribution with mean 100 KB).</summary>
    public const double ByteSamplingProbability = 1.0 / 102_400;

    /// <summary>The allocated bytes behind one sample; roughly 100 KB, about that many bytes per expected sample.</summary>
    public const double BytesPerSample = 102_400;

    /// <summary>
    /// An <c>AllocationSampled</c> event for an object of <paramref name="objectSize"/> bytes. The object is sampled when
    /// any of its bytes is, with probability q = 1 − (1 − p)^size, so weighting it 1/q objects (size/q bytes) makes the
    /// per-type sums unbiased (Horvitz–Thompson); for small objects q ≈ size·p and a sample is worth ≈ 100 KB.
    /// </summary>
    public static (double Bytes, double Objects) ForSampled(long objectSize)
    {
        if (objectSize <= 0)
        {
            return (0, 0);
        }

        double probability = 1 - Math.Pow(1 - ByteSamplingProbability, objectSize);
        return (objectSize / probability, 1 / probability);
    }

    /// <summary>
    /// A <c>GCAllocationTick</c> event credits the whole amount allocated since the previous tick (~100 KB) to the
    /// type of the object that crossed the threshold: not unbiased, but the only per-type figure before .NET 10.
    /// </summary>
    public static (double Bytes, double Objects) ForTick(long amount, long objectSize) =>
        (amount, objectSize > 0 ? (double)amount / objectSize : 0);
}
