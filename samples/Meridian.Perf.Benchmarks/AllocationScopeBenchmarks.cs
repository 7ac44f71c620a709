using BenchmarkDotNet.Attributes;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>What a scope adds over the two raw counter reads it wraps, measured side by side in one run.</summary>
[MemoryDiagnoser]
public class AllocationScopeBenchmarks
{
    [Benchmark(Baseline = true, Description = "two raw GC.GetAllocatedBytesForCurrentThread()")]
    public long TwoRawReads()
    {
        long start = GC.GetAllocatedBytesForCurrentThread();
        return GC.GetAllocatedBytesForCurrentThread() - start;
    }

    [Benchmark(Description = "AllocationScope.Begin() + End()")]
    public long ScopeBeginEnd()
    {
        var scope = AllocationScope.Begin();
        return scope.End();
    }

    [Benchmark(Description = "RuntimeCounters.Capture()")]
    public RuntimeCounters CaptureCounters() => RuntimeCounters.Capture();
}
