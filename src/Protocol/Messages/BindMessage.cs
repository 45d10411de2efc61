using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// Bind ('B'): String portal, String statement, Int16 parameter format count and Int16 codes, Int16 parameter
/// count and per parameter Int32 length (-1 NULL) and bytes, Int16 result format count and Int16 codes
/// (none: all text; one: for every column; else one per column). Parameter values are skipped, never kept.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-BIND
/// </summary>
public sealed record BindMessage(string Portal, string Statement, short[] ResultFormats)
{
    public static BindMessage Parse(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var portal = reader.ReadCString();
        var statement = reader.ReadCString();
        var parameterFormats = ReadCount(ref reader, "parameter format");
        reader.ReadBytes(2 * parameterFormats);
        var parameters = ReadCount(ref reader, "parameter");
        for (var i = 0; i < parameters; i++)
        {
            var length = reader.ReadInt32();
            if (length < -1)
            {
                throw ProtocolException.Malformed("Bind message has a negative parameter length");
            }
            if (length > 0)
            {
                reader.ReadBytes(length);
            }
        }
        var resultFormats = new short[ReadCount(ref reader, "result format")];
        for (var i = 0; i < resultFormats.Length; i++)
        {
            resultFormats[i] = reader.ReadInt16();
        }
        reader.ExpectEnd("Bind");
        return new BindMessage(portal, statement, resultFormats);
    }

    /// <summary>Writes a Bind without parameters.</summary>
    public void Write(IBufferWriter<byte> writer)
    {
        // portal + statement + Int16 0 parameter formats + Int16 0 parameters + Int16 count + Int16 per code.
        var length = MessageWriter.CStringLength(Portal) + MessageWriter.CStringLength(Statement) + 2 + 2 + 2 + (2 * ResultFormats.Length);
        MessageWriter.WriteHeader(writer, FrontendMessageType.Bind, length);
        MessageWriter.WriteCString(writer, Portal);
        MessageWriter.WriteCString(writer, Statement);
        MessageWriter.WriteInt16(writer, 0);
        MessageWriter.WriteInt16(writer, 0);
        MessageWriter.WriteInt16(writer, (short)ResultFormats.Length);
        foreach (var format in ResultFormats)
        {
            MessageWriter.WriteInt16(writer, format);
        }
    }

    private static int ReadCount(ref PayloadReader reader, string what)
    {
        var count = reader.ReadInt16();
        return count >= 0 ? count : throw ProtocolException.Malformed($"Bind message has a negative {what} count");
    }
}
