namespace Meridian.Perf.Runtime;

/// <summary>Which runtime event a <see cref="RuntimeEventReport"/>'s allocation estimates come from.</summary>
public enum AllocationSampleSource
{
    /// <summary>Allocations were not recorded.</summary>
    None,

    /// <summary>
    /// The .NET 10 <c>AllocationSampled</c> event: each allocated byte is sampled with probability 1/102 400, and a
    /// sample of an object of size s stands for s / (1 − (1 − 1/102 400)^s) bytes, an unbiased estimate per type.
    /// </summary>
    AllocationSampled,

    /// <summary>
    /// <c>GCAllocationTick</c> (runtimes before .NET 10): about every 100 KB the runtime names the type of the object
    /// whose allocation crossed the threshold and credits it with the whole 100 KB. Biased toward types allocated in
    /// large chunks; a rough guide only.
    /// </summary>
    GCAllocationTick,
}
