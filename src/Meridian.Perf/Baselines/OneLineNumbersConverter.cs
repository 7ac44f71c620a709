using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meridian.Perf;

/// <summary>Writes an array of numbers on one line (<c>[1432.5, 1421.5, 1426.9]</c>), so a baseline file reads as one short block per run.</summary>
internal sealed class OneLineNumbersConverter : JsonConverter<double[]>
{
    public override double[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected an array of numbers.");
        }

        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException("Expected a number."));
        }

        return [.. values];
    }

    public override void Write(Utf8JsonWriter writer, double[] value, JsonSerializerOptions options)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < value.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(value[i].ToString("R", CultureInfo.InvariantCulture));
        }

        writer.WriteRawValue(text.Append(']').ToString());
    }
}
