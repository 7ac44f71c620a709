namespace Meridian.Perf;

/// <summary>The summary stored beside a baseline's samples, for people reading the file (the comparison uses the samples).</summary>
internal sealed record BaselineSummary(double Mean, double Median, double StandardDeviation, double MeanLower95, double MeanUpper95, int Outliers);
