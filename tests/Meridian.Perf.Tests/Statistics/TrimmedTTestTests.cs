using Meridian.Perf.Statistics;

namespace Meridian.Perf.Tests.Statistics;

// Expected values: R 4.2.2 with the formulas of Wilcox's WRS functions trimci and yuen written out in base R (WRS2 is
// not packaged here), see reference-values.R; 20 % trimming.
public sealed class TrimmedTTestTests
{
    private static readonly double[] Summary = [12.1, 9.8, 10.4, 11.0, 10.0, 30.5, 10.2, 9.9, 10.7, 2.0, 10.3, 14.9];
    private static readonly double[] Differences = [0.031, -0.012, 0.054, 0.020, 0.008, 0.041, -0.005, 0.027];
    private static readonly double[] Timing1 = [101.2, 99.8, 100.5, 103.9, 98.7, 100.1, 99.5, 112.4, 100.9, 99.9, 101.7, 100.3];
    private static readonly double[] Timing2 = [104.8, 103.1, 106.2, 102.9, 119.5, 104.0, 103.6, 105.5];
    private static readonly double[] Unequal1 = [19.1, 20.4, 18.7, 21.3, 20.0, 19.6, 20.9, 19.9, 20.2, 18.8, 20.5, 19.4];
    private static readonly double[] Unequal2 = [24.3, 15.2, 28.9, 17.6, 22.4];

    [Fact]
    public void One_sample_matches_trimci()
    {
        var result = TrimmedTTest.OneSample(Summary);

        Reference.Near(10.575, result.Estimate, 1e-13);
        Reference.Near(0.432201967794233, result.StandardError);
        Assert.Equal(7, result.DegreesOfFreedom);
        Reference.Near(24.4677275625794, result.T);
        Reference.Near(4.85189328713886e-08, result.PValue, 1e-6); // R's 2 * (1 - pt()) keeps ~8 digits here
        Reference.Near(9.55300474536763, result.ConfidenceInterval.Lower);
        Reference.Near(11.59699525463237, result.ConfidenceInterval.Upper);
    }

    [Fact]
    public void One_sample_against_a_hypothesised_mean_matches_trimci()
    {
        var result = TrimmedTTest.OneSample(Differences, hypothesizedMean: 0.01);

        Reference.Near(0.938213914093939, result.T);
        Reference.Near(0.391207676305548, result.PValue);
    }

    [Fact]
    public void Two_sample_matches_yuen()
    {
        var result = TrimmedTTest.TwoSample(Timing1, Timing2);

        Reference.Near(-3.98333333333333, result.Estimate, 1e-13);
        Reference.Near(0.718360401655513, result.StandardError);
        Reference.Near(8.02835108540416, result.DegreesOfFreedom);
        Reference.Near(-5.545034670833, result.T);
        Reference.Near(0.000537424095548911, result.PValue, 1e-8);
        Reference.Near(-5.63885769491479, result.ConfidenceInterval.Lower);
        Reference.Near(-2.32780897175188, result.ConfidenceInterval.Upper);
    }

    [Fact]
    public void Two_sample_with_unequal_sizes_and_variances_matches_yuen()
    {
        var result = TrimmedTTest.TwoSample(Unequal1, Unequal2);

        Reference.Near(-0.552523242489789, result.T);
        Reference.Near(2.03386602563922, result.DegreesOfFreedom);
        Reference.Near(0.635281332043089, result.PValue);
    }

    [Fact]
    public void Without_trimming_the_tests_are_Student_and_Welch()
    {
        var yuen = TrimmedTTest.TwoSample(Timing1, Timing2, trim: 0);
        var welch = WelchTTest.Compute(Timing1, Timing2);
        var oneSample = TrimmedTTest.OneSample(Differences, trim: 0);
        var student = OneSampleTTest.Compute(Differences);

        Reference.Near(welch.T, yuen.T, 1e-12);
        Reference.Near(welch.DegreesOfFreedom, yuen.DegreesOfFreedom, 1e-12);
        Reference.Near(welch.PValue, yuen.PValue, 1e-12);
        Reference.Near(student.T, oneSample.T, 1e-12);
        Reference.Near(student.PValue, oneSample.PValue, 1e-12);
    }

    [Fact]
    public void A_trim_of_one_half_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrimmedTTest.OneSample(Summary, trim: 0.5));
    }
}
