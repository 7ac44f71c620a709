using System.Globalization;
using Meridian.Perf;

namespace Meridian.Telemetry.Audit;

/// <summary>Number formatting for the report: invariant culture, exact bytes.</summary>
internal static class Format
{
    public static string Rate(double framesPerSecond) => double.IsPositiveInfinity(framesPerSecond)
        ? "∞"
        : framesPerSecond >= 1e6
            ? string.Create(CultureInfo.InvariantCulture, $"{framesPerSecond / 1e6:0.00} M/s")
            : string.Create(CultureInfo.InvariantCulture, $"{framesPerSecond / 1e3:0.0} k/s");

    /// <summary>The mean rate and its 95 % interval: "13.31 M/s [13.02 M/s – 13.40 M/s]".</summary>
    public static string MeanWithInterval(Throughput t) =>
        $"{Rate(t.MeanRate)} [{Rate(t.RateInterval.Lower)} – {Rate(t.RateInterval.Upper)}]";

    public static string Nanoseconds(double ns) => ns < 10
        ? string.Create(CultureInfo.InvariantCulture, $"{ns:0.00} ns")
        : string.Create(CultureInfo.InvariantCulture, $"{ns:0.0} ns");

    public static string SignedNanoseconds(double ns) => (ns >= 0 ? "+" : "−") + Nanoseconds(Math.Abs(ns));

    public static string Bytes(double bytes) => bytes == Math.Floor(bytes)
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.##} B");

    public static string Ratio(double ratio) => ratio >= 10
        ? string.Create(CultureInfo.InvariantCulture, $"{ratio:0.0}×")
        : string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}×");

    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.0} %");

    public static string SignedPercent(double fraction) => (fraction >= 0 ? "+" : "−") + Percent(Math.Abs(fraction));

    public static string Number(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}");

    public static string Share(double? share) => share is { } s ? Percent(s) : "n/a";

    public static string PValue(double p) => p < 1e-4
        ? string.Create(CultureInfo.InvariantCulture, $"{p:0.0e+0}")
        : string.Create(CultureInfo.InvariantCulture, $"{p:0.0000}");

    public static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s");

    /// <summary>The change of time per frame with its interval: "−98.1 % [−98.2 %, −98.0 %]".</summary>
    public static string Change(Comparison c) =>
        $"{SignedPercent(c.Change)} [{SignedPercent(c.ChangeInterval.Lower)}, {SignedPercent(c.ChangeInterval.Upper)}]";

    /// <summary>The speed-up (1 / (1 + change)) with the interval it implies: "52.3× [50.1×, 54.7×]".</summary>
    public static string Speedup(Comparison c) =>
        $"{Ratio(c.Speedup)} [{Ratio(1 / (1 + c.ChangeInterval.Upper))}, {Ratio(1 / (1 + c.ChangeInterval.Lower))}]";
}
