using System.Text;
using System.Text.Json;

namespace Warden.Recording;

/// <summary>Reads a stored line: the envelope by hand (so each missing or malformed field gets its own
/// message), then the event through the source-generated context.</summary>
internal static class LineParser
{
    public static RecordedLine Parse(string line)
    {
        if (line.Length == 0)
        {
            throw new RecordingFormatException("empty line");
        }

        var bytes = Encoding.UTF8.GetBytes(line);
        if (bytes.Length > RecordingFormat.MaxLineBytes)
        {
            throw new RecordingFormatException($"line of {bytes.Length} bytes exceeds the {RecordingFormat.MaxLineBytes}-byte limit");
        }

        var envelope = ReadEnvelope(bytes);
        if (envelope.Version is null)
        {
            throw new RecordingFormatException("missing format version \"v\"");
        }

        if (envelope.Version != RecordingFormat.Version)
        {
            throw new RecordingFormatException(
                $"format version {envelope.Version} is not supported (this reader knows version {RecordingFormat.Version})");
        }

        var session = envelope.Session ?? throw Missing("session");
        var sequence = envelope.Sequence ?? throw Missing("seq");
        var source = envelope.Source ?? throw Missing("src");
        var previous = envelope.Previous ?? throw Missing("prev");
        var at = envelope.At ?? throw Missing("at");
        if (sequence < 0 || source < 0)
        {
            throw new RecordingFormatException("negative \"seq\" or \"src\"");
        }

        if (!IsHash(previous))
        {
            throw new RecordingFormatException("\"prev\" is not 64 lowercase hex digits");
        }

        RecordingEvent? recordingEvent;
        try
        {
            recordingEvent = JsonSerializer.Deserialize(bytes, RecordingJsonContext.Instance.RecordingEvent);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new RecordingFormatException(EventProblem(e), e);
        }

        return new RecordedLine(session, sequence, source, previous, at,
            recordingEvent ?? throw new RecordingFormatException("the line holds no event"));
    }

    internal static bool IsHash(string value) =>
        value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static string EventProblem(Exception e) => e switch
    {
        // Polymorphic deserialization reports a missing or unknown discriminator as NotSupportedException.
        NotSupportedException or JsonException when !e.Message.Contains("Path", StringComparison.Ordinal) && e.Message.Contains("type", StringComparison.OrdinalIgnoreCase)
            => "missing or unknown event \"type\"",
        JsonException json when json.Path is not null => $"bad event field at {json.Path}",
        _ => "bad event: " + e.GetType().Name,
    };

    private static RecordingFormatException Missing(string field) => new($"missing \"{field}\"");

    private static Envelope ReadEnvelope(byte[] bytes)
    {
        var envelope = default(Envelope);
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new RecordingFormatException("not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "v":
                        envelope.Version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v)
                            ? v : throw new RecordingFormatException("\"v\" is not an integer");
                        break;
                    case "session":
                        envelope.Session = reader.TokenType == JsonTokenType.String && Guid.TryParseExact(reader.GetString(), "D", out var id)
                            ? id : throw new RecordingFormatException("\"session\" is not a GUID");
                        break;
                    case "seq":
                        envelope.Sequence = ReadLong(ref reader, "seq");
                        break;
                    case "src":
                        envelope.Source = ReadLong(ref reader, "src");
                        break;
                    case "prev":
                        envelope.Previous = reader.TokenType == JsonTokenType.String
                            ? reader.GetString() : throw new RecordingFormatException("\"prev\" is not a string");
                        break;
                    case "at":
                        envelope.At = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at)
                            ? at : throw new RecordingFormatException("\"at\" is not an ISO-8601 time");
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new RecordingFormatException("not valid JSON");
            }
        }
        catch (JsonException e)
        {
            throw new RecordingFormatException("not valid JSON", e);
        }

        return envelope;
    }

    private static long ReadLong(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value : throw new RecordingFormatException($"\"{field}\" is not an integer");

    private struct Envelope
    {
        public int? Version;
        public Guid? Session;
        public long? Sequence;
        public long? Source;
        public string? Previous;
        public DateTimeOffset? At;
    }
}
