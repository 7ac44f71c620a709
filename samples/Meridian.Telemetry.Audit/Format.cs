using System.Globalization;

namespace Meridian.Telemetry.Audit;

/// <summary>Number formatting for the report: invariant culture, thin groups, exact bytes.</summary>
internal static class Format
{
    public static string Rate(double framesPerSecond) => framesPerSecond >= 1e6
        ? string.Create(CultureInfo.InvariantCulture, $"{framesPerSecond / 1e6:0.00} M/s")
        : string.Create(CultureInfo.InvariantCulture, $"{framesPerSecond / 1e3:0.0} k/s");

    public static string Range(ThroughputResult result) =>
        $"{Rate(result.Median)} ({Rate(result.Min)} – {Rate(result.Max)})";

    public static string Nanoseconds(double ns) => string.Create(CultureInfo.InvariantCulture, $"{ns:0.0} ns");

    public static string Bytes(double bytes) => bytes == Math.Floor(bytes)
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.##} B");

    public static string Ratio(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}×");

    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.0} %");

    public static string Number(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}");
}
