namespace Meridian.Perf.Statistics;

/// <summary>Sample quantiles by linear interpolation between order statistics (Hyndman and Fan type 7, R's and NumPy's default).</summary>
internal static class Quantiles
{
    public static double OfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A quantile needs at least one value.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        double position = (sorted.Length - 1) * probability;
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double fraction = position - below;
        return sorted[below] + (fraction * (sorted[above] - sorted[below]));
    }
}
