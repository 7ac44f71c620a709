namespace Meridian.Perf.Tests.Timing;

[Collection(LiveTimingCollection.Name)]
public sealed class ScalingTests
{
    private static readonly int[] Sizes = [500, 1000, 2000, 4000, 8000];

    [Fact]
    public void A_linear_body_fits_an_exponent_near_one_and_grows_at_most_linearly()
    {
        var result = PerfAssert.GrowsAtMost(1, Sizes, static n => Workloads.Chain(n));

        // Linear is 1 and quadratic 2: the range keeps half an order of growth either side, because load from other
        // test assemblies running beside this one moved the point estimate to 1.32 once.
        Assert.InRange(result.Exponent, 0.5, 1.5);
        Assert.Equal(5, result.Samples.Count);
        Assert.Equal(20, result.Samples[0].Count);
        Assert.Matches(@"time ∝ n\^\d\.\d{3} \[\d\.\d{3} \d\.\d{3}\] \(95 % CI of the exponent", result.ToString());
    }

    [Fact]
    public void A_quadratic_body_fails_an_at_most_linear_assertion()
    {
        // Five sizes over a factor of 16, not four over 8: the exponent's interval has 3 degrees of freedom instead of 2
        // (t = 3.18, not 4.30) and a wider lever, so load from other processes cannot stretch it down to 1.2 (it did once).
        var failure = Record.Exception(() => PerfAssert.GrowsAtMost(1, [25, 50, 100, 200, 400], static n => Quadratic(n), options: new ScalingOptions { Passes = 3 }));

        var assertion = Assert.IsType<PerformanceAssertionException>(failure);
        Assert.StartsWith("Expected the time to grow at most as n^1 (tolerance 0.2), but it grows as n^", assertion.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_exponent_or_a_negative_tolerance_is_rejected_before_measuring()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PerfAssert.GrowsAtMost(double.NaN, Sizes, static _ => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PerfAssert.GrowsAtMost(1, Sizes, static _ => { }, tolerance: -0.1));
    }

    [Fact]
    public void Fewer_than_three_sizes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Bench.Scaling([10, 20], static _ => { }));
    }

    private static void Quadratic(int n)
    {
        for (int i = 0; i < n; i++)
        {
            Workloads.Chain(n);
        }
    }
}
