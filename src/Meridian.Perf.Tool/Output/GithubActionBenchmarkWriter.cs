using System.Globalization;
using System.Text.Json;

namespace Meridian.Perf.Tool.Output;

/// <summary>
/// github-action-benchmark's <c>customSmallerIsBetter</c> input: a non-empty JSON array of
/// <c>{"name": string, "value": number, "unit": string, "range"?: string, "extra"?: string}</c> (its
/// <c>extractCustomBenchmarkResult</c>). Time and allocated bytes are separate entries (a chart each); throughput,
/// where bigger is better, is left out of a smaller-is-better file.
/// </summary>
internal static class GithubActionBenchmarkWriter
{
    public static void Write(IReadOnlyList<SeriesSummary> results, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var result in results.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (result.MeanNanoseconds is { } mean)
            {
                json.WriteStartObject();
                json.WriteString("name", result.Name + " - time");
                json.WriteNumber("value", mean);
                json.WriteString("unit", "ns/op");
                if (result.LowerNanoseconds is { } lower && result.UpperNanoseconds is { } upper && double.IsFinite(lower) && double.IsFinite(upper))
                {
                    json.WriteString("range", string.Create(CultureInfo.InvariantCulture, $"± {(upper - lower) / 2:0.###}"));
                }

                json.WriteString("extra", Extra(result));
                json.WriteEndObject();
            }

            if (result.BytesPerOperation is { } bytes)
            {
                json.WriteStartObject();
                json.WriteString("name", result.Name + " - allocated");
                json.WriteNumber("value", bytes);
                json.WriteString("unit", "B/op");
                json.WriteString("extra", result.BudgetBytes is { } budget ? string.Create(CultureInfo.InvariantCulture, $"budget {budget} B/op: {(result.Passed == true ? "held" : "exceeded")}") : "exact, measuring thread");
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static string Extra(SeriesSummary result)
    {
        string runs = string.Create(CultureInfo.InvariantCulture, $"{result.Runs} run{(result.Runs == 1 ? string.Empty : "s")}, 95 % interval of the mean");
        return result.Verdict is { } verdict && result.Change is { } change
            ? string.Create(CultureInfo.InvariantCulture, $"{runs}\nin-run verdict: {verdict} ({change:+0.0%;-0.0%})")
            : runs;
    }
}
