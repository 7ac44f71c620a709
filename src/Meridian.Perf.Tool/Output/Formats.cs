using System.Globalization;

namespace Meridian.Perf.Tool.Output;

/// <summary>How figures are printed: times with a unit that fits, percentages with a sign, bytes exactly.</summary>
internal static class Formats
{
    public static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "–",
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0.##} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:0.###} µs"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:0.###} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e9:0.###} s"),
    };

    public static string Interval(double? lower, double? upper) =>
        lower is { } low && upper is { } high && double.IsFinite(low) && double.IsFinite(high) ? $"[{Time(low)}, {Time(high)}]" : string.Empty;

    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:+0.0;-0.0;0.0} %");

    public static string Change(double change, double lower, double upper) => double.IsFinite(lower) && double.IsFinite(upper)
        ? $"{Percent(change)} [{Percent(lower)}, {Percent(upper)}]"
        : $"{Percent(change)} (no interval)";

    public static string Bytes(double? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b:0.##} B") : "–";

    public static string PValue(double p) => p < 1e-4 ? p.ToString("0.0e0", CultureInfo.InvariantCulture) : p.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Escapes text for a Markdown table cell.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
