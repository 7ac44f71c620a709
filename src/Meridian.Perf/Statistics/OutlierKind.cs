namespace Meridian.Perf.Statistics;

/// <summary>Where a value lies relative to Tukey's fences (quartiles ± 1.5 and ± 3 interquartile ranges).</summary>
public enum OutlierKind
{
    /// <summary>Between the inner fences: not an outlier.</summary>
    None,

    /// <summary>Below the lower outer fence (Q1 − 3 IQR).</summary>
    LowSevere,

    /// <summary>Between the lower outer and inner fences (Q1 − 3 IQR to Q1 − 1.5 IQR).</summary>
    LowMild,

    /// <summary>Between the upper inner and outer fences (Q3 + 1.5 IQR to Q3 + 3 IQR).</summary>
    HighMild,

    /// <summary>Above the upper outer fence (Q3 + 3 IQR).</summary>
    HighSevere,
}
