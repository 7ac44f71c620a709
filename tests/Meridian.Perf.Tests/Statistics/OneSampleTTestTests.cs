using Meridian.Perf.Statistics;

namespace Meridian.Perf.Tests.Statistics;

// Expected values: R 4.2.2, t.test(x, mu = ...), printed by reference-values.R (output in reference-values.Rout).
public sealed class OneSampleTTestTests
{
    private static readonly double[] Differences = [0.031, -0.012, 0.054, 0.020, 0.008, 0.041, -0.005, 0.027];

    [Fact]
    public void Matches_R_against_zero()
    {
        var result = OneSampleTTest.Compute(Differences);

        Reference.Near(2.57184566154378, result.T);
        Assert.Equal(7, result.DegreesOfFreedom);
        Reference.Near(0.0369084280553536, result.PValue);
        Reference.Near(0.00165174721310668, result.ConfidenceInterval.Lower);
        Reference.Near(0.03934825278689331, result.ConfidenceInterval.Upper);
    }

    [Fact]
    public void Matches_R_one_sided_against_a_hypothesised_mean()
    {
        var result = OneSampleTTest.Compute(Differences, hypothesizedMean: 0.05);

        Reference.Near(-3.70094863490447, result.T);
        Reference.Near(0.00382271372799908, result.PValueLess);
        Reference.Near(1 - 0.00382271372799908, result.PValueGreater);
    }
}
