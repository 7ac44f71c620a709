using System.Text.Json;

namespace Meridian.Perf.Profiling;

/// <summary>
/// Writes an <see cref="AllocationProfile"/> as DHAT JSON, file version 2, as Valgrind's <c>dh_view.html</c> reads it:
/// the fields it requires (<c>dhatFileVersion</c>, <c>mode</c>, <c>verb</c>, <c>bklt</c>, <c>bkacc</c>, <c>tu</c>,
/// <c>Mtu</c>, <c>cmd</c>, <c>pid</c>, <c>te</c>, <c>pps</c>, <c>ftbl</c>), a frame table whose first entry is
/// <c>[root]</c>, and one program point (<c>tb</c> bytes, <c>tbk</c> blocks, <c>fs</c> frame indices from the
/// allocation outward) per unique stack. Time is in microseconds of the body's run.
/// </summary>
internal static class DhatWriter
{
    public static void Write(Stream stream, AllocationProfile profile)
    {
        var frameIndex = new Dictionary<string, int>(StringComparer.Ordinal) { ["[root]"] = 0 };
        var frameTable = new List<string> { "[root]" };
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteNumber("dhatFileVersion", 2);
        json.WriteString("mode", "heap");
        json.WriteString("verb", "Allocated");
        json.WriteBoolean("bklt", false);
        json.WriteBoolean("bkacc", false);
        json.WriteString("tu", "µs");
        json.WriteString("Mtu", "s");
        json.WriteString("cmd", $"{Environment.ProcessPath} (Meridian.Perf.Profiling allocation profile: {profile.SampleCount} AllocationSampled events, estimated bytes and objects)");
        json.WriteNumber("pid", Environment.ProcessId);
        json.WriteNumber("te", Math.Max(1, (long)Math.Ceiling(profile.Duration.TotalMicroseconds)));
        json.WriteStartArray("pps");
        for (var i = 0; i < profile.Stacks.Count; i++)
        {
            var stack = profile.Stacks[i];
            json.WriteStartObject();
            json.WriteNumber("tb", (long)Math.Round(stack.Weight));
            json.WriteNumber("tbk", (long)Math.Round(profile.StackObjects[i]));
            json.WriteStartArray("fs");
            for (var f = stack.Frames.Count - 1; f >= 0; f--)
            {
                var name = stack.Frames[f];
                if (!frameIndex.TryGetValue(name, out var index))
                {
                    frameIndex[name] = index = frameTable.Count;
                    frameTable.Add(name);
                }

                json.WriteNumberValue(index);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("ftbl");
        foreach (var frame in frameTable)
        {
            json.WriteStringValue(frame);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
