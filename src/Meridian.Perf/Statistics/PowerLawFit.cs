namespace Meridian.Perf.Statistics;

/// <summary>
/// A power law y = c·xᵏ fitted by least squares on log–log axes (the regression of ln y on ln x), with the
/// Student-t confidence interval of the exponent k. It gives the same slope and interval as R's
/// <c>confint(lm(log(y) ~ log(x)))</c>.
/// </summary>
public sealed class PowerLawFit
{
    private PowerLawFit(double exponent, double coefficient, ConfidenceInterval exponentInterval, double rSquared, int count)
    {
        Exponent = exponent;
        Coefficient = coefficient;
        ExponentInterval = exponentInterval;
        RSquared = rSquared;
        Count = count;
    }

    /// <summary>Gets the fitted exponent k: 1 for linear growth, 2 for quadratic, about 1.1 for n log n over common ranges.</summary>
    public double Exponent { get; }

    /// <summary>Gets the fitted coefficient c.</summary>
    public double Coefficient { get; }

    /// <summary>Gets the confidence interval of <see cref="Exponent"/> (Student t with n − 2 degrees of freedom).</summary>
    public ConfidenceInterval ExponentInterval { get; }

    /// <summary>Gets the coefficient of determination of the log–log regression.</summary>
    public double RSquared { get; }

    /// <summary>Gets the number of points fitted.</summary>
    public int Count { get; }

    /// <summary>Fits the power law.</summary>
    /// <param name="x">At least three positive values, not all equal.</param>
    /// <param name="y">As many positive values as <paramref name="x"/>.</param>
    /// <param name="confidenceLevel">The level of <see cref="ExponentInterval"/>.</param>
    /// <returns>The fit.</returns>
    public static PowerLawFit Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double confidenceLevel = 0.95)
    {
        StatisticsGuard.Sample(x, 3, nameof(x));
        StatisticsGuard.Level(confidenceLevel, nameof(confidenceLevel));
        if (y.Length != x.Length)
        {
            throw new ArgumentException($"x has {x.Length} values but y has {y.Length}.", nameof(y));
        }

        int n = x.Length;
        var logX = new double[n];
        var logY = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!(x[i] > 0) || !(y[i] > 0) || !double.IsFinite(y[i]))
            {
                throw new ArgumentException($"A power law needs positive values; point {i} is ({x[i]}, {y[i]}).", nameof(x));
            }

            logX[i] = Math.Log(x[i]);
            logY[i] = Math.Log(y[i]);
        }

        double meanX = SampleSummary.MeanOf(logX);
        double meanY = SampleSummary.MeanOf(logY);
        double sxx = SampleSummary.SumOfSquares(logX, meanX);
        if (!(sxx > 0))
        {
            throw new ArgumentException("All x values are equal: no exponent can be fitted.", nameof(x));
        }

        double sxy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (logX[i] - meanX) * (logY[i] - meanY);
        }

        double slope = sxy / sxx;
        double intercept = meanY - (slope * meanX);
        double residual = 0;
        for (int i = 0; i < n; i++)
        {
            double error = logY[i] - (intercept + (slope * logX[i]));
            residual += error * error;
        }

        double total = SampleSummary.SumOfSquares(logY, meanY);
        double standardError = Math.Sqrt(residual / (n - 2) / sxx);
        var interval = StudentTInference.IntervalOf(slope, standardError, n - 2, confidenceLevel);
        return new PowerLawFit(slope, Math.Exp(intercept), interval, total > 0 ? 1 - (residual / total) : 1, n);
    }
}
