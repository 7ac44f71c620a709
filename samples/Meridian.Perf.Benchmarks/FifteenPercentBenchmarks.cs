using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Meridian.Perf;

namespace Meridian.Perf.Benchmarks;

/// <summary>
/// The +15 % pair of the timing-verdict closing note, for BenchmarkDotNet: a chain of 1000 and of 1150 dependent
/// multiply-adds (15 % more work by construction), ShortRun, baseline and BenchmarkDotNet's statistical test column
/// with a 10 % threshold. The Meridian side is samples/Meridian.Perf.CompareDemo (mode "verdict").
/// Run: dotnet run -c Release --project samples/Meridian.Perf.Benchmarks -- --filter '*FifteenPercent*'
/// </summary>
#region rust-criterion-benchmarkdotnet
[ShortRunJob]
[StatisticalTestColumn("10%")]
public class FifteenPercentBenchmarks
{
    /// <summary>The baseline: 1000 steps.</summary>
    [Benchmark(Baseline = true)]
    public void Chain1000() => Chain(1000);

    /// <summary>The candidate: 1150 steps, 15 % more work.</summary>
    [Benchmark]
    public void Chain1150() => Chain(1150);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Chain(int steps)
    {
        long hash = 17;
        for (int i = 0; i < steps; i++)
        {
            hash = (hash * 31) + i;
        }

        BlackBox.Consume(hash);
    }
}
#endregion
