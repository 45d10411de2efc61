using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Warden.Recording;

/// <summary>
/// The stored line format, version 1: one flat JSON object per line, the envelope first, then the event:
/// <code>{"v":1,"session":"&lt;guid&gt;","seq":0,"src":0,"prev":"&lt;64 hex&gt;","at":"&lt;ISO-8601 UTC&gt;","type":"session.opened",...}</code>
/// Each line names the SHA-256 of the exact bytes of the line before it, so any edit, removal, insertion or
/// reordering breaks the chain at a known place. Hashes are over stored bytes, never over re-serialized
/// objects, so verification does not depend on how a serializer orders or escapes fields.
/// </summary>
public static class RecordingFormat
{
    public const int Version = 1;

    /// <summary>Lines longer than this are refused on parse: a recording line is an event, not a data dump.</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    private const string GenesisPrefix = "warden-recording:v1:";

    /// <summary>The <c>prev</c> of sequence 0. Binding it to the session id stops a line 0 (and the chain after
    /// it) from being moved into another session's recording.</summary>
    public static string GenesisHash(Guid sessionId) =>
        HashLine(Encoding.UTF8.GetBytes(GenesisPrefix + sessionId.ToString("D")));

    /// <summary>Lowercase hex SHA-256 of a line's UTF-8 bytes, without its terminating newline.</summary>
    public static string HashLine(ReadOnlySpan<byte> utf8LineWithoutNewline)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8LineWithoutNewline, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Hashes a line read back as text. Valid UTF-8 round-trips exactly, so this equals
    /// <see cref="HashLine(ReadOnlySpan{byte})"/> over the stored bytes.</summary>
    public static string HashLine(string line)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(line.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(line, bytes);
            return HashLine(bytes.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The line's UTF-8 bytes, without the newline.</summary>
    public static byte[] Serialize(RecordedLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(line, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the line's UTF-8 bytes (without the newline) into <paramref name="output"/>.</summary>
    public static void Write(RecordedLine line, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(line.Event);

        // The envelope is written by hand so its fields come first and in a fixed order; the event's own JSON
        // (which starts with its "type") is then spliced in after a comma, making one flat object.
        var envelope = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(envelope))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", Version);
            writer.WriteString("session", line.SessionId.ToString("D"));
            writer.WriteNumber("seq", line.Sequence);
            writer.WriteNumber("src", line.SourceSequence);
            writer.WriteString("prev", line.PreviousHash);
            writer.WriteString("at", line.At.UtcDateTime.ToString(UtcDateTimeOffsetConverter.Format, CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(line.Event, RecordingJsonContext.Instance.RecordingEvent);
        var head = envelope.WrittenSpan[..^1]; // without '}'
        var tail = body.AsSpan(1);             // without '{'
        var span = output.GetSpan(head.Length + 1 + tail.Length);
        head.CopyTo(span);
        span[head.Length] = (byte)',';
        tail.CopyTo(span[(head.Length + 1)..]);
        output.Advance(head.Length + 1 + tail.Length);
    }

    /// <summary>Parses one line (without its newline). Unknown fields are ignored, so later minor additions
    /// stay readable; a different <c>v</c> is refused.</summary>
    /// <exception cref="RecordingFormatException">The line is not a valid version-1 recording line.</exception>
    public static RecordedLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return LineParser.Parse(line);
    }
}
