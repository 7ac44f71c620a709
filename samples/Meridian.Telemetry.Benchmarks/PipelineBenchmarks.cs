using BenchmarkDotNet.Attributes;
using Meridian.Telemetry;

namespace Meridian.Telemetry.Benchmarks;

/// <summary>
/// The whole pipeline (decode → validate → aggregate → emit, with its own stage measurement and metrics on, as in
/// production), naive (baseline) vs optimized, per frame: every invocation feeds <see cref="FramesPerInvoke"/> frames
/// to <c>ProcessChunk</c> in chunks of <see cref="BatchFrames"/>.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    /// <summary>Frames per benchmark invocation; the operations BenchmarkDotNet divides by.</summary>
    public const int FramesPerInvoke = 4096;

    private StageWorkload _workload = null!;
    private int _batches;

    /// <summary>Frames per chunk handed to the pipeline.</summary>
    [Params(16, 256, 4096)]
    public int BatchFrames { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = new StageWorkload(frames: 65_536, batchFrames: BatchFrames);
        _batches = FramesPerInvoke / BatchFrames;
    }

    [GlobalCleanup]
    public void Cleanup() => _workload.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = FramesPerInvoke)]
    public int Naive()
    {
        int result = 0;
        for (int i = 0; i < _batches; i++)
        {
            result += _workload.Pipeline(optimized: false);
        }

        return result;
    }

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    public int Optimized()
    {
        int result = 0;
        for (int i = 0; i < _batches; i++)
        {
            result += _workload.Pipeline(optimized: true);
        }

        return result;
    }
}
