namespace Meridian.Perf.Statistics;

/// <summary>
/// Summary statistics of one sample: mean, median, standard deviation, percentiles, the confidence interval of the
/// mean and Tukey outliers. Percentiles interpolate linearly between order statistics (Hyndman and Fan type 7, the
/// default of R's <c>quantile</c> and of NumPy).
/// </summary>
public sealed class SampleSummary
{
    private readonly double[] _sorted;

    private SampleSummary(double[] values, double confidenceLevel)
    {
        Values = values;
        _sorted = (double[])values.Clone();
        Array.Sort(_sorted);
        Count = values.Length;
        Mean = MeanOf(values);
        StandardDeviation = Count > 1 ? Math.Sqrt(SumOfSquares(values, Mean) / (Count - 1)) : 0;
        StandardError = StandardDeviation / Math.Sqrt(Count);
        Median = Percentile(0.5);
        Outliers = new TukeyOutliers(Percentile(0.25), Percentile(0.75), values);
        MeanConfidenceInterval = Count > 1
            ? StudentTInference.IntervalOf(Mean, StandardError, Count - 1, confidenceLevel)
            : new ConfidenceInterval(double.NegativeInfinity, double.PositiveInfinity, confidenceLevel);
    }

    /// <summary>Gets the values summarised, in their original order.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>Gets the number of values.</summary>
    public int Count { get; }

    /// <summary>Gets the arithmetic mean.</summary>
    public double Mean { get; }

    /// <summary>Gets the median (the 50th percentile).</summary>
    public double Median { get; }

    /// <summary>Gets the sample standard deviation (denominator n − 1); 0 for a single value.</summary>
    public double StandardDeviation { get; }

    /// <summary>Gets the standard error of the mean, <see cref="StandardDeviation"/> / √n.</summary>
    public double StandardError { get; }

    /// <summary>Gets the smallest value.</summary>
    public double Min => _sorted[0];

    /// <summary>Gets the largest value.</summary>
    public double Max => _sorted[^1];

    /// <summary>Gets the Student-t confidence interval of the mean (unbounded for a single value).</summary>
    public ConfidenceInterval MeanConfidenceInterval { get; }

    /// <summary>Gets the outliers by Tukey's fences; they are counted, not removed.</summary>
    public TukeyOutliers Outliers { get; }

    /// <summary>Summarises <paramref name="values"/>.</summary>
    /// <param name="values">At least one finite value.</param>
    /// <param name="confidenceLevel">The level of <see cref="MeanConfidenceInterval"/>, between 0 and 1 exclusive.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a value that is not finite.</exception>
    public static SampleSummary Of(IEnumerable<double> values, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        StatisticsGuard.Level(confidenceLevel, nameof(confidenceLevel));
        double[] copy = values.ToArray();
        StatisticsGuard.Sample(copy, 1, nameof(values));
        return new SampleSummary(copy, confidenceLevel);
    }

    /// <summary>Gets a percentile by linear interpolation between order statistics (type 7).</summary>
    /// <param name="probability">Between 0 and 1 inclusive: 0.5 is the median, 0.99 the 99th percentile.</param>
    /// <returns>The percentile.</returns>
    public double Percentile(double probability) => Quantiles.OfSorted(_sorted, probability);

    internal static double MeanOf(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    internal static double SumOfSquares(ReadOnlySpan<double> values, double mean)
    {
        double sum = 0;
        foreach (double value in values)
        {
            double deviation = value - mean;
            sum += deviation * deviation;
        }

        return sum;
    }
}
