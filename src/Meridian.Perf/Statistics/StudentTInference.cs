using MathNet.Numerics.Distributions;

namespace Meridian.Perf.Statistics;

/// <summary>
/// What every t-based result here derives the same way from an estimate, its standard error and the degrees of
/// freedom: the t statistic, the three p-values and the two-sided Student-t confidence interval of the estimate.
/// </summary>
internal readonly record struct StudentTInference(double T, double PValueLess, double PValueGreater, double PValue, ConfidenceInterval Interval)
{
    public static StudentTInference Of(double estimate, double hypothesized, double standardError, double degreesOfFreedom, double confidenceLevel)
    {
        double t = (estimate - hypothesized) / standardError;
        var (less, greater, twoSided) = TDistributionTails.PValues(t, degreesOfFreedom);
        return new StudentTInference(t, less, greater, twoSided, IntervalOf(estimate, standardError, degreesOfFreedom, confidenceLevel));
    }

    /// <summary>estimate ± t(1 − (1 − level) / 2, df) · standard error.</summary>
    public static ConfidenceInterval IntervalOf(double estimate, double standardError, double degreesOfFreedom, double confidenceLevel)
    {
        double quantile = StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + (confidenceLevel / 2));
        return new ConfidenceInterval(estimate - (quantile * standardError), estimate + (quantile * standardError), confidenceLevel);
    }

    /// <summary>Welch–Satterthwaite degrees of freedom of a sum of two variances of means, each with its own degrees of freedom.</summary>
    public static double SatterthwaiteDegreesOfFreedom(double varianceX, double degreesOfFreedomX, double varianceY, double degreesOfFreedomY)
    {
        double variance = varianceX + varianceY;
        return variance * variance / ((varianceX * varianceX / degreesOfFreedomX) + (varianceY * varianceY / degreesOfFreedomY));
    }
}
