namespace Meridian.Perf.Runtime;

/// <summary>What one allocation event stands for: the estimation rule behind every allocation figure Meridian.Perf prints.</summary>
internal static class AllocationWeights
{
    /// <summary>The .NET 10 sampler picks each allocated byte with this probability (a geometric distribution with mean 100 KB).</summary>
    public const double ByteSamplingProbability = 1.0 / 102_400;

    /// <summary>The allocated bytes behind one sample; roughly 100 KB, about that many bytes per expected sample.</summary>
    public const double BytesPerSample = 102_400;

    // ln(1 − p) to full precision: the series −p − p²/2 − p³/3 − p⁴/4, whose next term is 1e-20 of the first.
    private static readonly double LogOfByteNotSampled =
        -(ByteSamplingProbability + (ByteSamplingProbability * ByteSamplingProbability / 2)
          + (Math.Pow(ByteSamplingProbability, 3) / 3) + (Math.Pow(ByteSamplingProbability, 4) / 4));

    /// <summary>
    /// An <c>AllocationSampled</c> event for an object of <paramref name="objectSize"/> bytes. The object is sampled when
    /// any of its bytes is, with probability q = 1 − (1 − p)^size, so weighting it 1/q objects (size/q bytes) makes the
    /// per-type sums unbiased (Horvitz–Thompson); for small objects q ≈ size·p and a sample is worth ≈ 100 KB.
    /// This is the one estimation rule for every allocation figure of core and of Meridian.Perf.Profiling.
    /// </summary>
    /// <remarks>q is computed as −expm1(size · ln(1 − p)) without cancellation, to full double precision for every size
    /// (the direct 1 − (1 − p)^size keeps only ~11 significant digits for small objects). Source: the runtime's design
    /// note for randomized allocation sampling (dotnet/runtime docs/design/features/RandomizedAllocationSampling.md).</remarks>
    public static (double Bytes, double Objects) ForSampled(long objectSize)
    {
        if (objectSize <= 0)
        {
            return (0, 0);
        }

        double probability = SampleProbability(objectSize);
        return (objectSize / probability, 1 / probability);
    }

    /// <summary>The probability that an object of <paramref name="objectSize"/> bytes is sampled: 1 − (1 − p)^size.</summary>
    public static double SampleProbability(long objectSize)
    {
        // −expm1(x) with expm1(x) = 2·tanh(x/2) / (1 − tanh(x/2)), exact to rounding for small and large |x| alike.
        double x = objectSize * LogOfByteNotSampled;
        double t = Math.Tanh(x / 2);
        return -2 * t / (1 - t);
    }

    /// <summary>
    /// A <c>GCAllocationTick</c> event credits the whole amount allocated since the previous tick (~100 KB) to the
    /// type of the object that crossed the threshold: not unbiased, but the only per-type figure before .NET 10.
    /// </summary>
    public static (double Bytes, double Objects) ForTick(long amount, long objectSize) =>
        (amount, objectSize > 0 ? (double)amount / objectSize : 0);
}
