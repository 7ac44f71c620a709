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
    public void Batches_that_step_to_faster_code_are_measured_again_and_the_result_says_so()
    {
        // No warm-up rule (quiet period 0): one warm-up batch of 1 call, then batches of at most 10 calls (the sizer grows
        // tenfold a step), so the body's step after call 501 falls in the middle of the first 100 batches whatever the load.
        int calls = 0;
        var options = new BenchOptions { WarmupQuietPeriod = TimeSpan.Zero, MaxWarmupTime = TimeSpan.Zero, MaxTime = TimeSpan.FromSeconds(30) };

        var result = Bench.Run(() => Workloads.Chain(++calls <= 501 ? 3000 : 300), options);

        Assert.Equal(2, result.Measurements);
        Assert.True(result.Settled, result.ToString());
        Assert.DoesNotContain(result.Warnings, static w => w.StartsWith("Not settled", StringComparison.Ordinal));
        Assert.Contains("(measurement 2: the batches of the earlier ones moved)", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Batches_that_keep_moving_give_a_warning_naming_what_moved()
    {
        // One step fewer per call: the body keeps speeding up through three measurements of 1 000 calls each.
        int calls = 0;
        var options = new BenchOptions { WarmupQuietPeriod = TimeSpan.Zero, MaxWarmupTime = TimeSpan.Zero, MaxTime = TimeSpan.FromSeconds(30) };

        var result = Bench.Run(() => Workloads.Chain(Math.Max(300, 3300 - ++calls)), options);

        Assert.Equal(3, result.Measurements);
        Assert.False(result.Settled);
        string warning = Assert.Single(result.Warnings, static w => w.StartsWith("Not settled", StringComparison.Ordinal));
        Assert.StartsWith("Not settled: the batches moved while measuring: the last third's lower quartile (", warning, StringComparison.Ordinal);
        Assert.Contains("faster than the first third's", warning, StringComparison.Ordinal);
        Assert.Contains("(measurement 3; the earlier ones moved too and were discarded)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated_when_set()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BenchOptions { Samples = 2 });

        Assert.Contains("Samples must be 5 or more", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BenchOptions { BatchTime = TimeSpan.Zero });
    }
}
