using BenchmarkDotNet.Attributes;
using Meridian.Telemetry;

namespace Meridian.Telemetry.Benchmarks;

/// <summary>
/// The whole pipeline (decode → validate → aggregate → emit, with its own stage measurement and metrics on, as in
/// production), naive (baseline) vs optimized, per frame: every invocation feeds <see cref="FramesPerInvoke"/> frames
/// to <c>ProcessChunk</c> in chunks of <see cref="BatchFrames"/>.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks : FrameBatchBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = FramesPerInvoke)]
    public int Naive()
    {
        int result = 0;
        for (int i = 0; i < Batches; i++)
        {
            result += Workload.Pipeline(optimized: false);
        }

        return result;
    }

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    public int Optimized()
    {
        int result = 0;
        for (int i = 0; i < Batches; i++)
        {
            result += Workload.Pipeline(optimized: true);
        }

        return result;
    }
}
