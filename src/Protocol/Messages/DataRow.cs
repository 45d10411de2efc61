using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// DataRow ('D'): Int16 column count, then per column Int32 value length (-1 for NULL, no bytes follow) and
/// that many bytes, in the column's format.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-DATAROW
/// </summary>
public static class DataRow
{
    /// <summary>The values of one row, copied out of the message; null for SQL NULL.</summary>
    public static byte[]?[] ParseValues(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var count = reader.ReadInt16();
        if (count < 0)
        {
            throw ProtocolException.Malformed("DataRow message has a negative column count");
        }
        var values = new byte[]?[count];
        for (var i = 0; i < count; i++)
        {
            var length = reader.ReadInt32();
            if (length < -1)
            {
                throw ProtocolException.Malformed("DataRow message has a negative value length");
            }
            values[i] = length < 0 ? null : reader.ReadBytes(length).ToArray();
        }
        reader.ExpectEnd("DataRow");
        return values;
    }

    public static void Write(IBufferWriter<byte> writer, IReadOnlyList<byte[]?> values)
    {
        // Int16 count + per value: Int32 length, then its bytes.
        var length = 2 + values.Sum(v => 4 + (v?.Length ?? 0));
        MessageWriter.WriteHeader(writer, BackendMessageType.DataRow, length);
        MessageWriter.WriteInt16(writer, (short)values.Count);
        foreach (var value in values)
        {
            MessageWriter.WriteInt32(writer, value?.Length ?? -1);
            if (value is not null)
            {
                MessageWriter.WriteBytes(writer, value);
            }
        }
    }
}
