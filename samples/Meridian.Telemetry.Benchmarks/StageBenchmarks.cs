using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Meridian.Telemetry;

namespace Meridian.Telemetry.Benchmarks;

/// <summary>
/// Each stage in isolation, naive (baseline) vs optimized, per frame: every invocation processes
/// <see cref="FramesPerInvoke"/> frames in batches of <see cref="BatchFrames"/>, so Mean and Allocated are per frame.
/// The input is the default scenario (256 sensors, 16 samples a frame, 4 frames per line), prepared by
/// <see cref="StageWorkload"/> so each stage sees fresh, steady-state frames. Each stage is a category whose baseline is
/// the naive implementation.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class StageBenchmarks : FrameBatchBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("decode")]
    public int NaiveDecode() => Run(optimized: false, PipelineStage.Decode);

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("decode")]
    public int OptimizedDecode() => Run(optimized: true, PipelineStage.Decode);

    [Benchmark(Baseline = true, OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("validate")]
    public int NaiveValidate() => Run(optimized: false, PipelineStage.Validate);

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("validate")]
    public int OptimizedValidate() => Run(optimized: true, PipelineStage.Validate);

    [Benchmark(Baseline = true, OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("aggregate")]
    public int NaiveAggregate() => Run(optimized: false, PipelineStage.Aggregate);

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("aggregate")]
    public int OptimizedAggregate() => Run(optimized: true, PipelineStage.Aggregate);

    [Benchmark(Baseline = true, OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("emit")]
    public int NaiveEmit() => Run(optimized: false, PipelineStage.Emit);

    [Benchmark(OperationsPerInvoke = FramesPerInvoke)]
    [BenchmarkCategory("emit")]
    public int OptimizedEmit() => Run(optimized: true, PipelineStage.Emit);

    private int Run(bool optimized, PipelineStage stage)
    {
        int result = 0;
        for (int i = 0; i < Batches; i++)
        {
            result += Workload.Run(optimized, stage);
        }

        return result;
    }
}
