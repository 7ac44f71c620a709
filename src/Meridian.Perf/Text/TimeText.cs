using System.Diagnostics;
using System.Globalization;

namespace Meridian.Perf;

/// <summary>Durations as text in the unit that suits them, and timestamp conversions.</summary>
internal static class TimeText
{
    public static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    public static string Nanoseconds(double nanoseconds)
    {
        double magnitude = Math.Abs(nanoseconds);
        return magnitude switch
        {
            >= 1e9 => Format(nanoseconds / 1e9, "s"),
            >= 1e6 => Format(nanoseconds / 1e6, "ms"),
            >= 1e3 => Format(nanoseconds / 1e3, "µs"),
            _ => Format(nanoseconds, "ns"),
        };

        static string Format(double value, string unit) =>
            value.ToString(Math.Abs(value) >= 100 ? "0.0" : Math.Abs(value) >= 10 ? "0.00" : "0.000", CultureInfo.InvariantCulture) + " " + unit;
    }

    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString(elapsed.TotalSeconds >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double fraction) =>
        (fraction * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " %";

    public static string PValue(double p) =>
        double.IsNaN(p) ? "n/a" : p < 1e-4 ? p.ToString("0.0E+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
