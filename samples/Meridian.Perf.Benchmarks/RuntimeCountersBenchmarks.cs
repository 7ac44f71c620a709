using BenchmarkDotNet.Attributes;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// Issue 19, row 2: a full <see cref="RuntimeCounters.Capture"/>, the cheap <see cref="LightRuntimeCounters.Capture"/>,
/// and the two counters that dominate the full one, beside the raw pair of counter reads.
/// </summary>
[MemoryDiagnoser]
public class RuntimeCountersBenchmarks
{
    [Benchmark(Baseline = true, Description = "two raw GC.GetAllocatedBytesForCurrentThread()")]
    public long TwoRawReads()
    {
        long start = GC.GetAllocatedBytesForCurrentThread();
        return GC.GetAllocatedBytesForCurrentThread() - start;
    }

    [Benchmark(Description = "RuntimeCounters.Capture()")]
    public RuntimeCounters Capture() => RuntimeCounters.Capture();

    [Benchmark(Description = "LightRuntimeCounters.Capture()")]
    public LightRuntimeCounters CaptureLight() => LightRuntimeCounters.Capture();

    [Benchmark(Description = "Monitor.LockContentionCount alone")]
    public long LockContentionCount() => Monitor.LockContentionCount;

    [Benchmark(Description = "ThreadPool.CompletedWorkItemCount alone")]
    public long CompletedWorkItemCount() => ThreadPool.CompletedWorkItemCount;
}
