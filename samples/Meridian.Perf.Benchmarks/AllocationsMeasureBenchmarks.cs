using BenchmarkDotNet.Attributes;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>The cost of one <see cref="Allocations.Measure(Action, AllocationOptions?)"/> of a trivial body with default settings (3 + 5 × 100 calls).</summary>
[MemoryDiagnoser]
public class AllocationsMeasureBenchmarks
{
    private static readonly Action Empty = static () => { };

    [Benchmark(Description = "Allocations.Measure(empty body), default options")]
    public double? MeasureEmptyBody() => Allocations.Measure(Empty).BytesPerCall;
}
