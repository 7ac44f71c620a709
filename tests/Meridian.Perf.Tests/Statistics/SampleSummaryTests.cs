using Meridian.Perf.Statistics;

namespace Meridian.Perf.Tests.Statistics;

// Expected values: R 4.2.2 mean, sd, median, quantile(type = 7), t.test(q)$conf.int; see reference-values.R.
public sealed class SampleSummaryTests
{
    private static readonly double[] Values = [12.1, 9.8, 10.4, 11.0, 10.0, 30.5, 10.2, 9.9, 10.7, 2.0, 10.3, 14.9];

    [Fact]
    public void Matches_R()
    {
        var summary = SampleSummary.Of(Values);

        Assert.Equal(12, summary.Count);
        Reference.Near(11.8166666666667, summary.Mean, 1e-13);
        Reference.Near(6.57057259623727, summary.StandardDeviation, 1e-13);
        Reference.Near(10.35, summary.Median, 1e-14);
        Reference.Near(7.64192401061212, summary.MeanConfidenceInterval.Lower);
        Reference.Near(15.99140932272121, summary.MeanConfidenceInterval.Upper);
        Assert.Equal(2.0, summary.Min);
        Assert.Equal(30.5, summary.Max);
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(0.05, 6.29)]
    [InlineData(0.25, 9.975)]
    [InlineData(0.5, 10.35)]
    [InlineData(0.75, 11.275)]
    [InlineData(0.9, 14.62)]
    [InlineData(0.99, 28.784)]
    [InlineData(1.0, 30.5)]
    public void Percentiles_match_R_type_7(double probability, double expected)
    {
        Reference.Near(expected, SampleSummary.Of(Values).Percentile(probability), 1e-13);
    }

    [Fact]
    public void Outliers_are_classified_by_Tukey_fences_and_kept()
    {
        var summary = SampleSummary.Of(Values);
        var outliers = summary.Outliers;

        // R: fences mild 8.025 13.225, severe 6.075 15.175.
        Reference.Near(8.025, outliers.LowerMildFence, 1e-13);
        Reference.Near(13.225, outliers.UpperMildFence, 1e-13);
        Reference.Near(6.075, outliers.LowerSevereFence, 1e-13);
        Reference.Near(15.175, outliers.UpperSevereFence, 1e-13);

        // 2.0 low severe; 14.9 high mild; 30.5 high severe; 12.1 is inside.
        Assert.Equal(1, outliers.LowSevere);
        Assert.Equal(0, outliers.LowMild);
        Assert.Equal(1, outliers.HighMild);
        Assert.Equal(1, outliers.HighSevere);
        Assert.Equal(OutlierKind.HighMild, outliers.Classify(14.9));
        Assert.Equal(OutlierKind.None, outliers.Classify(12.1));
        Assert.Equal(12, summary.Values.Count);
        Assert.Equal("3 outliers (Tukey fences, kept): 1 low severe, 1 high mild, 1 high severe", outliers.ToString());
    }

    [Fact]
    public void Values_that_are_not_finite_are_rejected_with_their_index()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleSummary.Of([1.0, double.NaN]));

        Assert.Contains("not finite (NaN) at index 1", error.Message, StringComparison.Ordinal);
    }
}
