using System.Globalization;

namespace Meridian.Perf.Statistics;

/// <summary>
/// Outliers classified by Tukey's fences, as criterion does: mild beyond 1.5 interquartile ranges from the quartiles,
/// severe beyond 3. Outliers are reported, never dropped: a timing's outliers are usually the machine (a GC, another
/// process), and hiding them would hide noise the verdict has to live with.
/// </summary>
public sealed class TukeyOutliers
{
    internal TukeyOutliers(double firstQuartile, double thirdQuartile, ReadOnlySpan<double> values)
    {
        double iqr = thirdQuartile - firstQuartile;
        LowerSevereFence = firstQuartile - (3 * iqr);
        LowerMildFence = firstQuartile - (1.5 * iqr);
        UpperMildFence = thirdQuartile + (1.5 * iqr);
        UpperSevereFence = thirdQuartile + (3 * iqr);
        foreach (double value in values)
        {
            switch (Classify(value))
            {
                case OutlierKind.LowSevere: LowSevere++; break;
                case OutlierKind.LowMild: LowMild++; break;
                case OutlierKind.HighMild: HighMild++; break;
                case OutlierKind.HighSevere: HighSevere++; break;
            }
        }
    }

    /// <summary>Gets Q1 − 3 IQR.</summary>
    public double LowerSevereFence { get; }

    /// <summary>Gets Q1 − 1.5 IQR.</summary>
    public double LowerMildFence { get; }

    /// <summary>Gets Q3 + 1.5 IQR.</summary>
    public double UpperMildFence { get; }

    /// <summary>Gets Q3 + 3 IQR.</summary>
    public double UpperSevereFence { get; }

    /// <summary>Gets the number of values below the lower outer fence.</summary>
    public int LowSevere { get; }

    /// <summary>Gets the number of values between the lower outer and inner fences.</summary>
    public int LowMild { get; }

    /// <summary>Gets the number of values between the upper inner and outer fences.</summary>
    public int HighMild { get; }

    /// <summary>Gets the number of values above the upper outer fence.</summary>
    public int HighSevere { get; }

    /// <summary>Gets the number of outliers of any kind.</summary>
    public int Total => LowSevere + LowMild + HighMild + HighSevere;

    /// <summary>Classifies one value against the fences.</summary>
    /// <param name="value">The value.</param>
    /// <returns>Its kind; values exactly on a fence belong to the milder side.</returns>
    public OutlierKind Classify(double value) =>
        value < LowerSevereFence ? OutlierKind.LowSevere
        : value < LowerMildFence ? OutlierKind.LowMild
        : value > UpperSevereFence ? OutlierKind.HighSevere
        : value > UpperMildFence ? OutlierKind.HighMild
        : OutlierKind.None;

    /// <summary>Formats the counts the way criterion prints them.</summary>
    /// <returns>For example "2 outliers among 100 samples: 1 low mild, 1 high severe", or "no outliers".</returns>
    public override string ToString()
    {
        if (Total == 0)
        {
            return "no outliers (Tukey fences)";
        }

        var parts = new List<string>(4);
        Add(parts, LowSevere, "low severe");
        Add(parts, LowMild, "low mild");
        Add(parts, HighMild, "high mild");
        Add(parts, HighSevere, "high severe");
        return string.Create(CultureInfo.InvariantCulture, $"{Total} outlier{(Total == 1 ? string.Empty : "s")} (Tukey fences, kept): {string.Join(", ", parts)}");

        static void Add(List<string> parts, int count, string label)
        {
            if (count > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {label}"));
            }
        }
    }
}
