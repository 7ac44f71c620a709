using BenchmarkDotNet.Attributes;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// Issue 19, row 1: what a scope adds over the two raw counter reads it wraps, measured side by side in one run. The
/// checked scope (misuse, nesting and other-thread detection) should stay within 1.3× of the raw pair; the cheap mark
/// is the raw pair.
/// </summary>
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

    [Benchmark(Description = "AllocationMark.Now() + AllocatedBytes")]
    public long MarkNowAllocatedBytes()
    {
        var mark = AllocationMark.Now();
        return mark.AllocatedBytes;
    }
}
