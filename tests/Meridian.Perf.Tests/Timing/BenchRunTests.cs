namespace Meridian.Perf.Tests.Timing;

[Collection(LiveTimingCollection.Name)]
public sealed class BenchRunTests
{
    [Fact]
    public void Bytes_per_operation_are_exact()
    {
        var allocating = Bench.Run(static () => BlackBox.Consume(new object()));
        var silent = Bench.Run(400, static steps => Workloads.Chain(steps));

        Assert.Equal(24, allocating.AllocatedBytesPerOperation);
        Assert.Equal(0, silent.AllocatedBytesPerOperation);
    }

    [Fact]
    public void Defaults_fit_a_unit_test()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Bench.Run(400, static steps => Workloads.Chain(steps));
        watch.Stop();

        // The budget is a 1 s warm-up cap plus 2 s of sampling; the bound leaves room for a loaded machine pausing the
        // thread (the sampler checks its budget between batches, so a pause can only overrun it), not for minutes.
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 10);
        Assert.InRange(result.Samples, 5, 100);
        Assert.True(result.OperationsPerBatch > 1, $"{result.OperationsPerBatch} operations per batch");
        Assert.Equal(result.OperationsPerBatch * result.Samples, result.TotalOperations);
        Assert.InRange(result.HarnessOverheadNanoseconds, 0.01, 50);
        Assert.True(result.MeanNanoseconds > 0);
    }

    [Fact]
    public void Three_times_the_work_measures_as_longer()
    {
        // 3× the work by construction. Two runs measured one after the other can be hit by different load (once: 438 ns
        // for 300 steps against 650 ns for 900), so alternate them over three rounds and judge the median ratio: one
        // disturbed round cannot move it.
        var options = new BenchOptions { Samples = 30 };
        var ratios = new List<double>();
        for (int round = 0; round < 3; round++)
        {
            var small = Bench.Run(300, static steps => Workloads.Chain(steps), options);
            var large = Bench.Run(900, static steps => Workloads.Chain(steps), options);
            ratios.Add(large.MedianNanoseconds / small.MedianNanoseconds);
        }

        ratios.Sort();
        Assert.True(ratios[1] > 1.5, $"900 steps over 300 steps, per round: {string.Join(", ", ratios.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    [Fact]
    public void The_report_says_what_was_measured_and_how()
    {
        var result = Bench.Run(100, static steps => Workloads.Chain(steps), new BenchOptions { Samples = 20 });
        string text = result.ToString();

        Assert.Equal(20, result.Samples);
        Assert.Matches(@"^time:   \[\S+ .?s \S+ .?s \S+ .?s\] \(mean and its 95 % CI\)", text);
        Assert.Contains("alloc:  0 B per operation (exact, measuring thread)", text, StringComparison.Ordinal);
        Assert.Contains($"20 samples × {result.OperationsPerBatch} operations in ", text, StringComparison.Ordinal);
        Assert.Contains("harness overhead", text, StringComparison.Ordinal);
        Assert.Contains("Tukey fences", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated_when_set()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BenchOptions { Samples = 2 });

        Assert.Contains("Samples must be 5 or more", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchOptions { BatchTime = TimeSpan.Zero });
    }
}
