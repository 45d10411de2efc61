using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warden.Recording;

/// <summary>Writes every timestamp as ISO-8601 UTC (<c>2025-01-02T03:04:05.1234567Z</c>) so recordings made on
/// machines in different zones read the same; reads any ISO-8601 offset.</summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
}
