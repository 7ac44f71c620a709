namespace Meridian.Perf.Statistics;

/// <summary>
/// Student's one-sample t-test of a mean against a hypothesised value; applied to paired differences it is the
/// paired t-test. It gives the same results as R's <c>t.test(x, mu = mu)</c>.
/// </summary>
internal sealed class OneSampleTTest
{
    private OneSampleTTest(double mean, double hypothesizedMean, double standardError, int count, double confidenceLevel)
    {
        Mean = mean;
        HypothesizedMean = hypothesizedMean;
        StandardError = standardError;
        DegreesOfFreedom = count - 1;
        (T, PValueLess, PValueGreater, PValue, ConfidenceInterval) =
            StudentTInference.Of(mean, hypothesizedMean, standardError, DegreesOfFreedom, confidenceLevel);
    }

    /// <summary>Gets the sample mean.</summary>
    public double Mean { get; }

    /// <summary>Gets the mean under the null hypothesis.</summary>
    public double HypothesizedMean { get; }

    /// <summary>Gets the standard error of the mean.</summary>
    public double StandardError { get; }

    /// <summary>Gets the t statistic, (<see cref="Mean"/> − <see cref="HypothesizedMean"/>) / <see cref="StandardError"/>.</summary>
    public double T { get; }

    /// <summary>Gets the degrees of freedom, n − 1.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>Gets the two-sided p-value.</summary>
    public double PValue { get; }

    /// <summary>Gets the one-sided p-value for the alternative that the true mean is less than <see cref="HypothesizedMean"/>.</summary>
    public double PValueLess { get; }

    /// <summary>Gets the one-sided p-value for the alternative that the true mean is greater than <see cref="HypothesizedMean"/>.</summary>
    public double PValueGreater { get; }

    /// <summary>Gets the two-sided confidence interval of the mean.</summary>
    public ConfidenceInterval ConfidenceInterval { get; }

    /// <summary>Runs the test.</summary>
    /// <param name="values">At least two finite values, not all equal.</param>
    /// <param name="hypothesizedMean">The mean under the null hypothesis; 0 for paired differences.</param>
    /// <param name="confidenceLevel">The level of <see cref="ConfidenceInterval"/>, between 0 and 1 exclusive.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">Fewer than two values, a value that is not finite, or zero variance.</exception>
    public static OneSampleTTest Compute(ReadOnlySpan<double> values, double hypothesizedMean = 0, double confidenceLevel = 0.95)
    {
        StatisticsGuard.Sample(values, 2, nameof(values));
        StatisticsGuard.Level(confidenceLevel, nameof(confidenceLevel));
        double mean = SampleSummary.MeanOf(values);
        double variance = SampleSummary.SumOfSquares(values, mean) / (values.Length - 1);
        if (variance <= 0)
        {
            throw new ArgumentException("The sample has zero variance: a t-test cannot assess constant data.", nameof(values));
        }

        return new OneSampleTTest(mean, hypothesizedMean, Math.Sqrt(variance / values.Length), values.Length, confidenceLevel);
    }

    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, double, double)"/>
    public static OneSampleTTest Compute(IEnumerable<double> values, double hypothesizedMean = 0, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Compute(values.ToArray().AsSpan(), hypothesizedMean, confidenceLevel);
    }
}
