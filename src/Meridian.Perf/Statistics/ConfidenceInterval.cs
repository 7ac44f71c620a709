using System.Globalization;

namespace Meridian.Perf.Statistics;

/// <summary>A confidence interval: the range that covers the true value with probability <see cref="Level"/>.</summary>
/// <param name="Lower">The lower bound (may be negative infinity for a one-sided interval).</param>
/// <param name="Upper">The upper bound (may be positive infinity for a one-sided interval).</param>
/// <param name="Level">The confidence level, for example 0.95.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>Gets whether <paramref name="value"/> lies inside the interval (bounds included).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when <see cref="Lower"/> ≤ <paramref name="value"/> ≤ <see cref="Upper"/>.</returns>
    public bool Contains(double value) => Lower <= value && value <= Upper;

    /// <summary>Formats the interval as <c>[lower, upper] (95 %)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Lower:G6}, {Upper:G6}] ({Level * 100:0.##} %)");
}
