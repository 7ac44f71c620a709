using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Meridian.Perf.Tool.Output;

/// <summary>
/// Bencher Metric Format (bencher.dev/docs/reference/bencher-metric-format): an object of benchmarks, each an object
/// of measures, each <c>{"value", "lower_value"?, "upper_value"?}</c> with numbers. Measures: <c>latency</c>
/// (Bencher's built-in, nanoseconds), <c>throughput</c> (built-in, units of work per second) and
/// <c>allocated-bytes</c> (bytes per operation, created by Bencher on first use). Benchmark names are at most
/// 1 024 characters and measure names at most 64 (Bencher's limits); longer names are shortened with a hash suffix.
/// </summary>
internal static class BmfWriter
{
    public const int MaxBenchmarkName = 1024;
    public const string Latency = "latency";
    public const string Throughput = "throughput";
    public const string AllocatedBytes = "allocated-bytes";

    public static void Write(IReadOnlyList<SeriesSummary> results, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (result.MeanNanoseconds is null && result.BytesPerOperation is null && result.Throughput is null)
            {
                continue;
            }

            string name = Fit(result.Name, MaxBenchmarkName);
            if (!used.Add(name))
            {
                continue;
            }

            json.WriteStartObject(name);
            if (result.MeanNanoseconds is { } mean)
            {
                Measure(json, Latency, mean, result.LowerNanoseconds, result.UpperNanoseconds);
            }

            if (result.Throughput is { } throughput)
            {
                Measure(json, Throughput, throughput, result.ThroughputLower, result.ThroughputUpper);
            }

            if (result.BytesPerOperation is { } bytes)
            {
                Measure(json, AllocatedBytes, bytes, null, null);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>Shortens <paramref name="name"/> to <paramref name="limit"/> characters, ending in a hash of the whole name so shortened names stay distinct.</summary>
    internal static string Fit(string name, int limit)
    {
        if (name.Length <= limit)
        {
            return name;
        }

        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12].ToLowerInvariant();
        return string.Concat(name.AsSpan(0, limit - hash.Length - 1), "~", hash);
    }

    private static void Measure(Utf8JsonWriter json, string measure, double value, double? lower, double? upper)
    {
        json.WriteStartObject(measure);
        json.WriteNumber("value", value);
        // Bencher wants lower ≤ value ≤ upper; an interval that does not bracket the value (or is unbounded) is left out.
        if (lower is { } low && upper is { } high && double.IsFinite(low) && double.IsFinite(high) && low <= value && value <= high)
        {
            json.WriteNumber("lower_value", low);
            json.WriteNumber("upper_value", high);
        }

        json.WriteEndObject();
    }
}
