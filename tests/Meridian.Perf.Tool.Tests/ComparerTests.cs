using Meridian.Perf.Tool.Comparing;
using Meridian.Perf.Tool.Input;

namespace Meridian.Perf.Tool.Tests;

/// <summary>The comparer's decision rule on seeded synthetic runs with known answers.</summary>
public sealed class ComparerTests
{
    [Fact]
    public void Runs_that_drift_apart_are_not_called_slower_when_runs_are_the_replicates()
    {
        // Run means drift ±20 % between processes; the batches inside a run are tight (±0.5 %). Same code on both sides.
        var random = new Random(17);
        var old = Series("x", random, 6, 1000, runSpread: 0.2, batchSpread: 0.005);
        var @new = Series("x", random, 6, 1000, runSpread: 0.2, batchSpread: 0.005);

        var byRuns = Comparer.CompareOne(old, @new, new CompareSettings());
        var byBatches = Comparer.CompareOne(Single(old), Single(@new), new CompareSettings());

        Assert.Equal("runs", byRuns.Time!.Replicates);
        Assert.NotEqual(Verdict.Slower, byRuns.Time.Verdict);
        Assert.NotEqual(Verdict.Faster, byRuns.Time.Verdict);
        Assert.False(byRuns.IsRegression);
        // The same data read as batches (one run each) claims a certainty the runs do not have.
        Assert.Equal("batches", byBatches.Time!.Replicates);
        Assert.True(byBatches.Time.Upper - byBatches.Time.Lower < (byRuns.Time.Upper - byRuns.Time.Lower) / 5);
    }

    [Fact]
    public void A_doubling_is_slower_over_drifting_runs()
    {
        var random = new Random(5);
        var old = Series("x", random, 6, 1000, runSpread: 0.1, batchSpread: 0.01);
        var @new = Series("x", random, 6, 2000, runSpread: 0.1, batchSpread: 0.01);

        var result = Comparer.CompareOne(old, @new, new CompareSettings());

        Assert.Equal(Verdict.Slower, result.Time!.Verdict);
        Assert.True(result.IsRegression);
        Assert.InRange(result.Time.Change, 0.7, 1.3);
    }

    [Fact]
    public void Allocations_are_exact_one_more_byte_is_a_regression_unless_tolerated()
    {
        var old = new BenchmarkSeries("x", [new RunMeasurement { Run = "a", Kind = "zero-alloc", BytesPerOperation = 0 }]);
        var @new = new BenchmarkSeries("x", [new RunMeasurement { Run = "b", Kind = "zero-alloc", BytesPerOperation = 24 }]);

        var strict = Comparer.CompareOne(old, @new, new CompareSettings());
        var tolerant = Comparer.CompareOne(old, @new, new CompareSettings { AllocationTolerance = 24 });
        var ignored = Comparer.CompareOne(old, @new, new CompareSettings { FailOnAllocations = false });

        Assert.Null(strict.Time);
        Assert.True(strict.IsRegression);
        Assert.Equal("allocates 24 B/op more (0 → 24 B/op)", strict.Reason);
        Assert.False(tolerant.IsRegression);
        Assert.False(ignored.IsRegression);
    }

    [Fact]
    public void Inconclusive_fails_only_when_asked()
    {
        var random = new Random(3);
        var old = Series("x", random, 2, 1000, runSpread: 0.3, batchSpread: 0.01);
        var @new = Series("x", random, 2, 1100, runSpread: 0.3, batchSpread: 0.01);

        var lenient = Comparer.CompareOne(old, @new, new CompareSettings());
        var strict = Comparer.CompareOne(old, @new, new CompareSettings { FailOnInconclusive = true });

        Assert.Equal(Verdict.Inconclusive, lenient.Time!.Verdict);
        Assert.False(lenient.IsRegression);
        Assert.True(strict.IsRegression);
    }

    private static BenchmarkSeries Series(string name, Random random, int runs, double typical, double runSpread, double batchSpread)
    {
        var list = new List<RunMeasurement>();
        for (int run = 0; run < runs; run++)
        {
            double runMean = typical * Math.Exp(runSpread * Normal(random));
            double[] batches = [.. Enumerable.Range(0, 20).Select(_ => runMean * Math.Exp(batchSpread * Normal(random)))];
            list.Add(new RunMeasurement { Run = "r" + run, Kind = "bench", MeanNanoseconds = batches.Average(), BatchNanoseconds = batches, BytesPerOperation = 0 });
        }

        return new BenchmarkSeries(name, list);
    }

    private static BenchmarkSeries Single(BenchmarkSeries series) => series with { Runs = [series.Runs[0]] };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
