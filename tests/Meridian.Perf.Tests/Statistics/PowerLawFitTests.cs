using Meridian.Perf.Statistics;

namespace Meridian.Perf.Tests.Statistics;

// Expected values: R 4.2.2, fit <- lm(log(tt) ~ log(n)); coef(fit)[2]; confint(fit)[2, ] (see reference-values.R).
public sealed class PowerLawFitTests
{
    [Fact]
    public void Matches_R_lm_on_log_log_axes()
    {
        double[] n = [100, 200, 400, 800, 1600];
        double[] time = [52.0, 98.5, 205.1, 396.0, 812.7];

        var fit = PowerLawFit.Fit(n, time);

        Reference.Near(0.993958353241268, fit.Exponent);
        Reference.Near(0.95675540425236, fit.ExponentInterval.Lower);
        Reference.Near(1.03116130223017, fit.ExponentInterval.Upper);
        Assert.Equal(5, fit.Count);
    }

    [Fact]
    public void An_exact_power_law_is_recovered()
    {
        double[] n = [10, 20, 40, 80];
        double[] time = n.Select(static x => 3 * x * x).ToArray();

        var fit = PowerLawFit.Fit(n, time);

        Reference.Near(2, fit.Exponent, 1e-12);
        Reference.Near(3, fit.Coefficient, 1e-10);
        Reference.Near(1, fit.RSquared, 1e-12);
    }
}
