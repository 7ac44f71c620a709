using System.Globalization;

namespace Meridian.Perf;

/// <summary>Validation of timing options, with messages that say what is allowed.</summary>
internal static class TimingGuard
{
    /// <summary>The largest fraction a trimmed-mean test may cut from each end.</summary>
    public const double MaxTrim = 0.4;

    public static TimeSpan NotNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or more.");

    public static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero.");

    public static double Fraction(double value, string name, double min, double max) =>
        value > min && value < max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie strictly between {min} and {max}.");

    public static int AtLeast(int value, int minimum, string name) =>
        value >= minimum ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be {minimum} or more.");

    public static double Trim(double value, string name) =>
        value is >= 0 and <= MaxTrim ? value : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be from 0 to {MaxTrim}."));
}
