using System.Text.Json.Serialization;

namespace Meridian.Perf.Results;

/// <summary>Source-generated JSON for results records: one compact line per record, no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ResultRecord))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext
{
}
