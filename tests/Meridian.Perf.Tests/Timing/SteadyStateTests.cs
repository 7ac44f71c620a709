namespace Meridian.Perf.Tests.Timing;

/// <summary>The steady-state rule on synthetic batches: what counts as moved, and the warm-up's speed trend.</summary>
public sealed class SteadyStateTests
{
    [Fact]
    public void Batches_that_hold_still_under_noise_and_spikes_have_not_moved()
    {
        var random = new Random(7);
        double[] batches = Enumerable.Range(0, 100).Select(_ => 1000 * Math.Exp(0.05 * Gaussian(random)) * (random.NextDouble() < 0.1 ? 3 : 1)).ToArray();

        Assert.Null(SteadyState.Moved(batches));
    }

    [Fact]
    public void A_step_to_faster_code_in_the_middle_is_named_with_both_thirds()
    {
        // The first 40 batches at 2.3× (code that has not tiered up yet), the rest at the final speed.
        double[] batches = Enumerable.Range(0, 100).Select(i => i < 40 ? 2300.0 : 1000.0).ToArray();

        string? moved = SteadyState.Moved(batches);

        Assert.NotNull(moved);
        Assert.StartsWith("the batches moved while measuring: the last third's lower quartile (1.000 µs) is 57 % faster than the first third's (2.300 µs)", moved, StringComparison.Ordinal);
        Assert.Contains("still speeding up", moved, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drift_to_slower_beyond_ten_percent_is_named()
    {
        double[] batches = Enumerable.Range(0, 90).Select(i => 1000 * (1 + (0.003 * i))).ToArray();

        Assert.Contains("slower than the first third's", SteadyState.Moved(batches), StringComparison.Ordinal);
    }

    [Fact]
    public void A_drift_within_ten_percent_is_not_a_move()
    {
        double[] batches = Enumerable.Range(0, 90).Select(i => 1000 * (1 + (0.0008 * i))).ToArray();

        Assert.Null(SteadyState.Moved(batches));
    }

    [Fact]
    public void The_speed_trend_is_settled_only_after_two_windows_without_improvement()
    {
        var trend = new SteadyState.SpeedTrend(windowTicks: 100);
        long now = 1;
        void Window(double ticksPerOperation)
        {
            for (int i = 0; i < 10; i++)
            {
                trend.Add(now, ticksPerOperation);
                now += 10;
            }
        }

        Window(4);
        Window(2);
        Assert.False(trend.Settled); // only one complete window so far
        Window(1);
        Assert.False(trend.Settled); // the latest complete window (2) is twice as fast as the one before (4)
        Window(1);
        Assert.False(trend.Settled); // 1 after 2: still improving
        Window(1);
        Assert.True(trend.Settled); // 1 after 1
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
