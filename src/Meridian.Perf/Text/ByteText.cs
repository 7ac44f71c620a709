using System.Globalization;

namespace Meridian.Perf;

/// <summary>Byte counts as text: exact, never rounded to kilobytes, since a verdict depends on them.</summary>
internal static class ByteText
{
    public static string Format(double bytes) => Number(bytes) + " B";

    public static string Format(long bytes) => bytes.ToString(CultureInfo.InvariantCulture) + " B";

    public static string Number(double bytes) =>
        bytes == Math.Floor(bytes)
            ? ((long)bytes).ToString(CultureInfo.InvariantCulture)
            : bytes.ToString("0.##", CultureInfo.InvariantCulture);

    public static string FormatList(IReadOnlyList<double> values) => string.Join(", ", values.Select(Number));
}
