using System.Text.Json;
using Meridian.Perf.Tool.Comparing;

namespace Meridian.Perf.Tool.Output;

/// <summary>The comparison as JSON, for scripts: every benchmark's change, interval, p-value, verdict and allocation change.</summary>
internal static class ComparisonJsonWriter
{
    public static void Write(ComparisonResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("old", result.Old);
        json.WriteString("new", result.New);
        json.WriteNumber("threshold", result.Settings.Threshold);
        json.WriteNumber("alpha", result.Settings.Alpha);
        json.WriteNumber("regressions", result.Regressions);
        json.WriteStartArray("benchmarks");
        foreach (var b in result.Benchmarks)
        {
            json.WriteStartObject();
            json.WriteString("name", b.Name);
            json.WriteBoolean("regression", b.IsRegression);
            json.WriteString("reason", b.Reason);
            if (b.Time is { } t)
            {
                json.WriteStartObject("time");
                json.WriteNumber("oldNanoseconds", t.OldNanoseconds);
                json.WriteNumber("newNanoseconds", t.NewNanoseconds);
                json.WriteNumber("change", t.Change);
                WriteFinite(json, "lower", t.Lower);
                WriteFinite(json, "upper", t.Upper);
                json.WriteNumber("level", t.Level);
                json.WriteNumber("pValue", t.PValue);
                json.WriteString("verdict", t.Verdict.ToString());
                json.WriteString("replicates", t.Replicates);
                json.WriteNumber("oldReplicates", t.OldReplicates);
                json.WriteNumber("newReplicates", t.NewReplicates);
                json.WriteEndObject();
            }

            if (b.Allocation is { } a)
            {
                json.WriteStartObject("allocated");
                json.WriteNumber("oldBytesPerOperation", a.OldBytes);
                json.WriteNumber("newBytesPerOperation", a.NewBytes);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteNames(json, "onlyOld", result.OnlyOld);
        WriteNames(json, "onlyNew", result.OnlyNew);
        json.WriteEndObject();
    }

    private static void WriteFinite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNames(Utf8JsonWriter json, string property, IReadOnlyList<string> names)
    {
        json.WriteStartArray(property);
        foreach (string name in names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
    }
}
