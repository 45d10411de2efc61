using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warden.Recording;

/// <summary>Source-generated serialization (no reflection, AOT-friendly) for events and manifests.</summary>
/// <remarks>
/// Out-of-order metadata is allowed because the <c>type</c> discriminator follows the envelope fields in a
/// stored line. The relaxed encoder keeps non-ASCII text and characters like <c>&lt;</c> readable in the
/// files; control characters are still escaped, so a line never contains a raw newline. Lines are JSON
/// data, never embedded in HTML.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    Converters = [typeof(UtcDateTimeOffsetConverter), typeof(RecordingStatusConverter)])]
[JsonSerializable(typeof(RecordingEvent))]
[JsonSerializable(typeof(ManifestDocument))]
internal sealed partial class RecordingJsonContext : JsonSerializerContext
{
    /// <summary>The context every reader and writer uses.</summary>
    public static RecordingJsonContext Instance { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeOffsetConverter(), new RecordingStatusConverter() },
    });
}

/// <summary>Manifest statuses as <c>open | sealed | interrupted</c>.</summary>
internal sealed class RecordingStatusConverter() : JsonStringEnumConverter<RecordingStatus>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
