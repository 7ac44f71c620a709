namespace Meridian.Perf;

/// <summary>Validation of timing options, with messages that say what is allowed.</summary>
internal static class TimingGuard
{
    public static TimeSpan NotNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or more.");

    public static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero.");

    public static double Fraction(double value, string name, double min, double max) =>
        value > min && value < max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie strictly between {min} and {max}.");
}
