namespace Meridian.Perf.Statistics;

/// <summary>
/// Welch's unequal-variances t-test of the difference of two means, with Welch–Satterthwaite degrees of freedom and
/// Student-t p-values (MathNet.Numerics). It gives the same results as R's <c>t.test(x, y, var.equal = FALSE)</c>.
/// </summary>
/// <remarks>
/// Welch, B. L. (1947). "The generalization of 'Student's' problem when several different population variances are
/// involved." Biometrika 34 (1–2): 28–35. The samples are assumed independent; see
/// <see cref="OneSampleTTest"/> for paired differences.
/// </remarks>
internal sealed class WelchTTest
{
    private WelchTTest(double meanX, double meanY, double standardError, double degreesOfFreedom, double confidenceLevel)
    {
        MeanX = meanX;
        MeanY = meanY;
        Difference = meanX - meanY;
        StandardError = standardError;
        DegreesOfFreedom = degreesOfFreedom;
        (T, PValueLess, PValueGreater, PValue, ConfidenceInterval) =
            StudentTInference.Of(Difference, 0, standardError, degreesOfFreedom, confidenceLevel);
    }

    /// <summary>Gets the mean of the first sample.</summary>
    public double MeanX { get; }

    /// <summary>Gets the mean of the second sample.</summary>
    public double MeanY { get; }

    /// <summary>Gets the difference of the means, <see cref="MeanX"/> − <see cref="MeanY"/>.</summary>
    public double Difference { get; }

    /// <summary>Gets the standard error of the difference, √(s²x/nx + s²y/ny).</summary>
    public double StandardError { get; }

    /// <summary>Gets the t statistic, <see cref="Difference"/> / <see cref="StandardError"/>.</summary>
    public double T { get; }

    /// <summary>Gets the Welch–Satterthwaite degrees of freedom (not an integer in general).</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>Gets the two-sided p-value (the alternative: the means differ).</summary>
    public double PValue { get; }

    /// <summary>Gets the one-sided p-value for the alternative that the mean of x is less than the mean of y.</summary>
    public double PValueLess { get; }

    /// <summary>Gets the one-sided p-value for the alternative that the mean of x is greater than the mean of y.</summary>
    public double PValueGreater { get; }

    /// <summary>Gets the two-sided confidence interval of <see cref="Difference"/>.</summary>
    public ConfidenceInterval ConfidenceInterval { get; }

    /// <summary>Runs the test on two independent samples.</summary>
    /// <param name="x">The first sample: at least two finite values, not all equal unless <paramref name="y"/>'s are not.</param>
    /// <param name="y">The second sample: at least two finite values.</param>
    /// <param name="confidenceLevel">The level of <see cref="ConfidenceInterval"/>, between 0 and 1 exclusive.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">A sample has fewer than two values, a value that is not finite, or both samples have zero variance.</exception>
    public static WelchTTest Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double confidenceLevel = 0.95)
    {
        StatisticsGuard.Sample(x, 2, nameof(x));
        StatisticsGuard.Sample(y, 2, nameof(y));
        StatisticsGuard.Level(confidenceLevel, nameof(confidenceLevel));
        double meanX = SampleSummary.MeanOf(x);
        double meanY = SampleSummary.MeanOf(y);
        double varianceOfMeanX = SampleSummary.SumOfSquares(x, meanX) / (x.Length - 1) / x.Length;
        double varianceOfMeanY = SampleSummary.SumOfSquares(y, meanY) / (y.Length - 1) / y.Length;
        double variance = varianceOfMeanX + varianceOfMeanY;
        if (variance <= 0)
        {
            throw new ArgumentException("Both samples have zero variance: a t-test cannot compare constant data.", nameof(x));
        }

        double degreesOfFreedom = StudentTInference.SatterthwaiteDegreesOfFreedom(varianceOfMeanX, x.Length - 1, varianceOfMeanY, y.Length - 1);
        return new WelchTTest(meanX, meanY, Math.Sqrt(variance), degreesOfFreedom, confidenceLevel);
    }

    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>
    public static WelchTTest Compute(IEnumerable<double> x, IEnumerable<double> y, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Compute(x.ToArray().AsSpan(), y.ToArray().AsSpan(), confidenceLevel);
    }
}
