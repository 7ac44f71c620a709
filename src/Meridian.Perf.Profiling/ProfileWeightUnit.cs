namespace Meridian.Perf.Profiling;

/// <summary>What a profile's stack weights count.</summary>
public enum ProfileWeightUnit
{
    /// <summary>Sampler hits: each is one sample of a thread's stack.</summary>
    Samples,

    /// <summary>Bytes allocated (estimated from sampled allocations).</summary>
    Bytes,
}
