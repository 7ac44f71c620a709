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

        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 2.5);
        Assert.InRange(result.Samples, 5, 100);
        Assert.True(result.OperationsPerBatch > 1, $"{result.OperationsPerBatch} operations per batch");
        Assert.Equal(result.OperationsPerBatch * result.Samples, result.TotalOperations);
        Assert.InRange(result.HarnessOverheadNanoseconds, 0.01, 50);
        Assert.True(result.MeanNanoseconds > 0);
    }

    [Fact]
    public void Three_times_the_work_measures_as_longer()
    {
        var small = Bench.Run(300, static steps => Workloads.Chain(steps));
        var large = Bench.Run(900, static steps => Workloads.Chain(steps));

        // 3× by construction; the medians of 100 batches only need to be clearly apart, whatever else the machine runs.
        Assert.True(large.MedianNanoseconds > 1.5 * small.MedianNanoseconds, $"300 steps: {small.MedianNanoseconds} ns, 900 steps: {large.MedianNanoseconds} ns");
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
