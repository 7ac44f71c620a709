using BenchmarkDotNet.Attributes;
using Meridian.Telemetry;

namespace Meridian.Telemetry.Benchmarks;

/// <summary>
/// What every telemetry benchmark shares: each invocation processes <see cref="FramesPerInvoke"/> frames of the default
/// scenario, prepared by <see cref="StageWorkload"/>, in <see cref="Batches"/> calls of <see cref="BatchFrames"/> frames,
/// so Mean and Allocated are per frame.
/// </summary>
public abstract class FrameBatchBenchmarks
{
    /// <summary>Frames per benchmark invocation; the operations BenchmarkDotNet divides by.</summary>
    public const int FramesPerInvoke = 4096;

    /// <summary>Frames per call: small batches show the per-call overhead, large ones the per-frame cost.</summary>
    [Params(16, 256, 4096)]
    public int BatchFrames { get; set; }

    /// <summary>Gets the prepared input.</summary>
    protected StageWorkload Workload { get; private set; } = null!;

    /// <summary>Gets the calls per invocation.</summary>
    protected int Batches { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        Workload = new StageWorkload(frames: 65_536, batchFrames: BatchFrames);
        Batches = FramesPerInvoke / BatchFrames;
    }

    [GlobalCleanup]
    public void Cleanup() => Workload.Dispose();
}
