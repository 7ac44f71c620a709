using System.Text.Json.Serialization;

namespace Meridian.Perf;

/// <summary>Source-generated JSON for baseline files: no reflection, and the same on every target framework.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BaselineFile))]
[JsonSerializable(typeof(LegacyBaselineFile))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext
{
}
