using BenchmarkDotNet.Attributes;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// Issue 19, row 1: what a scope adds over the two raw counter reads it wraps, measured side by side in one run. The
/// checked scope (misuse, nesting and other-thread detection) should stay within 1.3× of the raw pair; the cheap mark
/// is the raw pair; the raw pair with one thread-static access is the floor of any check that knows the thread.
/// </summary>
[MemoryDiagnoser]
public class AllocationScopeBenchmarks
{
    [ThreadStatic]
    private static long t_calls;

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

    // The floor of any check that needs to know the thread: the raw pair plus one thread-static read and write.
    [Benchmark(Description = "two raw reads + one [ThreadStatic] access")]
    public long TwoRawReadsAndThreadStatic()
    {
        long calls = ++t_calls;
        long start = GC.GetAllocatedBytesForCurrentThread();
        return GC.GetAllocatedBytesForCurrentThread() - start + (calls & 1);
    }

    [Benchmark(Description = "AllocationMark.Now() + AllocatedBytes")]
    public long MarkNowAllocatedBytes()
    {
        var mark = AllocationMark.Now();
        return mark.AllocatedBytes;
    }
}
