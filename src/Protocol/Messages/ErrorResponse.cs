using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// ErrorResponse ('E') and NoticeResponse ('N'): repeated (Byte1 field code, String value), then a NUL.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-ERRORRESPONSE
/// Field codes: https://www.postgresql.org/docs/current/protocol-error-fields.html
/// </summary>
public sealed record ErrorResponse(IReadOnlyList<KeyValuePair<byte, string>> Fields)
{
    public const byte SeverityField = (byte)'S';
    public const byte SeverityNonLocalizedField = (byte)'V';
    public const byte CodeField = (byte)'C';
    public const byte MessageField = (byte)'M';
    public const byte DetailField = (byte)'D';
    public const byte HintField = (byte)'H';

    public const string Error = "ERROR";
    public const string Fatal = "FATAL";

    public string? Get(byte code)
    {
        foreach (var (key, value) in Fields)
        {
            if (key == code)
            {
                return value;
            }
        }
        return null;
    }

    public string? SqlState => Get(CodeField);

    public string? Message => Get(MessageField);

    public static ErrorResponse Parse(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var fields = new List<KeyValuePair<byte, string>>(8);
        while (true)
        {
            var code = reader.ReadByte();
            if (code == 0)
            {
                break;
            }
            fields.Add(new(code, reader.ReadCString()));
        }
        reader.ExpectEnd("ErrorResponse");
        return new ErrorResponse(fields);
    }

    public static ErrorResponse Create(string severity, string sqlState, string message, string? detail = null, string? hint = null)
    {
        var fields = new List<KeyValuePair<byte, string>>(6)
        {
            new(SeverityField, severity),
            new(SeverityNonLocalizedField, severity),
            new(CodeField, sqlState),
            new(MessageField, message),
        };
        if (detail is not null)
        {
            fields.Add(new(DetailField, detail));
        }
        if (hint is not null)
        {
            fields.Add(new(HintField, hint));
        }
        return new ErrorResponse(fields);
    }

    public void Write(IBufferWriter<byte> writer, byte type = BackendMessageType.ErrorResponse)
    {
        // Each field: Byte1 code + C-string; then the terminating NUL.
        var length = Fields.Sum(f => 1 + MessageWriter.CStringLength(f.Value)) + 1;
        MessageWriter.WriteHeader(writer, type, length);
        foreach (var (code, value) in Fields)
        {
            MessageWriter.WriteByte(writer, code);
            MessageWriter.WriteCString(writer, value);
        }
        MessageWriter.WriteByte(writer, 0);
    }
}
