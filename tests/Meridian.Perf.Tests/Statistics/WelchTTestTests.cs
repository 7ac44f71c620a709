using Meridian.Perf.Statistics;

namespace Meridian.Perf.Tests.Statistics;

// Expected values: R 4.2.2, t.test(x, y, var.equal = FALSE), printed by reference-values.R (output in reference-values.Rout).
public sealed class WelchTTestTests
{
    // Student's sleep data, R's built-in 'sleep' data set; R's ?t.test example prints t = -1.8608, df = 17.776, p-value = 0.07939.
    private static readonly double[] SleepGroup1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] SleepGroup2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    // Unequal sizes (12 and 5) and very unequal variances.
    private static readonly double[] Unequal1 = [19.1, 20.4, 18.7, 21.3, 20.0, 19.6, 20.9, 19.9, 20.2, 18.8, 20.5, 19.4];
    private static readonly double[] Unequal2 = [24.3, 15.2, 28.9, 17.6, 22.4];

    // Timing-like: right-skewed with one slow outlier in each sample, sizes 12 and 8.
    private static readonly double[] Timing1 = [101.2, 99.8, 100.5, 103.9, 98.7, 100.1, 99.5, 112.4, 100.9, 99.9, 101.7, 100.3];
    private static readonly double[] Timing2 = [104.8, 103.1, 106.2, 102.9, 119.5, 104.0, 103.6, 105.5];

    public static TheoryData<string, double, double, double, double, double, double, double, double, double> Cases => new()
    {
        // name, t, df, p two-sided, p less, p greater, 95 % CI low, high, 90 % CI low, high
        { "sleep", -1.86081346748685, 17.7764735161785, 0.0793941401873582, 0.0396970700936791, 0.960302929906321, -3.36548323071171, 0.20548323071171, -3.053381497331606, -0.106618502668394 },
        { "unequal", -0.728951127916874, 4.07511391706863, 0.505718748472631, 0.252859374236315, 0.747140625763685, -8.51070238708972, 4.95070238708972, -6.95823402837859, 3.39823402837859 },
        { "timing", -2.09215085409927, 11.1140553571533, 0.0601609538376503, 0.0300804769188251, 0.969919523081175, -9.484508784400791, 0.234508784400791, -8.59133641372623, -0.65866358627377 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R_t_test(string name, double t, double df, double p, double pLess, double pGreater, double low95, double high95, double low90, double high90)
    {
        var (x, y) = Data(name);

        var result = WelchTTest.Compute(x, y);
        var result90 = WelchTTest.Compute(x, y, confidenceLevel: 0.90);

        Reference.Near(t, result.T);
        Reference.Near(df, result.DegreesOfFreedom);
        Reference.Near(p, result.PValue);
        Reference.Near(pLess, result.PValueLess);
        Reference.Near(pGreater, result.PValueGreater);
        Reference.Near(low95, result.ConfidenceInterval.Lower);
        Reference.Near(high95, result.ConfidenceInterval.Upper);
        Reference.Near(low90, result90.ConfidenceInterval.Lower);
        Reference.Near(high90, result90.ConfidenceInterval.Upper);
        Assert.Equal(0.95, result.ConfidenceInterval.Level);
    }

    [Fact]
    public void Swapping_the_samples_negates_t_and_swaps_the_one_sided_p_values()
    {
        var forward = WelchTTest.Compute(Timing1, Timing2);
        var backward = WelchTTest.Compute(Timing2, Timing1);

        Reference.Near(-forward.T, backward.T, 1e-14);
        Reference.Near(forward.PValueLess, backward.PValueGreater, 1e-14);
        Reference.Near(forward.PValue, backward.PValue, 1e-14);
    }

    [Fact]
    public void Constant_samples_are_rejected_with_a_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => WelchTTest.Compute([1.0, 1.0, 1.0], [1.0, 1.0]));

        Assert.Contains("zero variance", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sample_of_one_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => WelchTTest.Compute([1.0], [1.0, 2.0]));

        Assert.Contains("at least 2 value(s); it has 1", error.Message, StringComparison.Ordinal);
    }

    private static (double[] X, double[] Y) Data(string name) => name switch
    {
        "sleep" => (SleepGroup1, SleepGroup2),
        "unequal" => (Unequal1, Unequal2),
        _ => (Timing1, Timing2),
    };
}
