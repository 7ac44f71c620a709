using System.Text.Json;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Writes a profile as speedscope JSON (https://www.speedscope.app/file-format-schema.json): one "sampled" profile whose
/// samples are indices into a shared frame table, with one weight per sample. Open the file at speedscope.app or in
/// any viewer that reads the format.
/// </summary>
public static class SpeedscopeWriter
{
    /// <summary>The schema URL written into every file.</summary>
    public const string SchemaUrl = "https://www.speedscope.app/file-format-schema.json";

    /// <summary>Writes stacks as a speedscope file.</summary>
    /// <param name="destination">Where to write the UTF-8 JSON.</param>
    /// <param name="name">The profile's name, shown by the viewer.</param>
    /// <param name="stacks">The stacks, root first.</param>
    /// <param name="unit">What the weights count; samples are written with speedscope's unit "none".</param>
    public static void Write(Stream destination, string name, IEnumerable<StackSample> stacks, ProfileWeightUnit unit)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(stacks);

        var frameIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var frameNames = new List<string>();
        var samples = new List<int[]>();
        var weights = new List<double>();
        foreach (var stack in stacks)
        {
            var indices = new int[stack.Frames.Count];
            for (var i = 0; i < indices.Length; i++)
            {
                var frame = stack.Frames[i];
                if (!frameIndex.TryGetValue(frame, out var index))
                {
                    index = frameNames.Count;
                    frameIndex.Add(frame, index);
                    frameNames.Add(frame);
                }

                indices[i] = index;
            }

            samples.Add(indices);
            weights.Add(stack.Weight);
        }

        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUrl);
        json.WriteString("name", name);
        json.WriteNumber("activeProfileIndex", 0);
        json.WriteString("exporter", "Meridian.Perf.Profiling " + typeof(SpeedscopeWriter).Assembly.GetName().Version);

        json.WriteStartObject("shared");
        json.WriteStartArray("frames");
        foreach (var frame in frameNames)
        {
            json.WriteStartObject();
            json.WriteString("name", frame);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteStartArray("profiles");
        json.WriteStartObject();
        json.WriteString("type", "sampled");
        json.WriteString("name", name);
        json.WriteString("unit", unit == ProfileWeightUnit.Bytes ? "bytes" : "none");
        json.WriteNumber("startValue", 0);
        json.WriteNumber("endValue", weights.Sum());
        json.WriteStartArray("samples");
        foreach (var sample in samples)
        {
            json.WriteStartArray();
            foreach (var index in sample)
            {
                json.WriteNumberValue(index);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("weights");
        foreach (var weight in weights)
        {
            json.WriteNumberValue(Math.Round(weight, 3));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
