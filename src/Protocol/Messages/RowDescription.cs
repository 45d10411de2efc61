using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// RowDescription ('T'): Int16 field count, then per field: String name, Int32 table OID (0 when the column
/// is not a simple reference to a table column), Int16 column attribute number (0 likewise), Int32 type OID,
/// Int16 type size, Int32 type modifier, Int16 format code (0 text, 1 binary).
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-ROWDESCRIPTION
/// </summary>
/// <remarks>
/// The format codes are the real ones in a simple Query's reply and in a reply to Describe of a portal; in a
/// reply to Describe of a statement they are zeroes, since the formats are not chosen until Bind.
/// </remarks>
public sealed record RowDescription(IReadOnlyList<RowField> Fields)
{
    public static RowDescription Parse(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var count = reader.ReadInt16();
        if (count < 0)
        {
            throw ProtocolException.Malformed("RowDescription message has a negative field count");
        }
        var fields = new RowField[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = new RowField(
                reader.ReadCString(), unchecked((uint)reader.ReadInt32()), reader.ReadInt16(), unchecked((uint)reader.ReadInt32()),
                reader.ReadInt16(), reader.ReadInt32(), reader.ReadInt16());
        }
        reader.ExpectEnd("RowDescription");
        return new RowDescription(fields);
    }

    public void Write(IBufferWriter<byte> writer)
    {
        // Int16 count + per field: name, then 4 + 2 + 4 + 2 + 4 + 2 bytes.
        var length = 2 + Fields.Sum(f => MessageWriter.CStringLength(f.Name) + 18);
        MessageWriter.WriteHeader(writer, BackendMessageType.RowDescription, length);
        MessageWriter.WriteInt16(writer, (short)Fields.Count);
        foreach (var field in Fields)
        {
            MessageWriter.WriteCString(writer, field.Name);
            MessageWriter.WriteInt32(writer, unchecked((int)field.TableOid));
            MessageWriter.WriteInt16(writer, field.ColumnNumber);
            MessageWriter.WriteInt32(writer, unchecked((int)field.TypeOid));
            MessageWriter.WriteInt16(writer, field.TypeSize);
            MessageWriter.WriteInt32(writer, field.TypeModifier);
            MessageWriter.WriteInt16(writer, field.Format);
        }
    }
}

/// <summary>One field of a <see cref="RowDescription"/>.</summary>
/// <param name="TableOid">The table (or view) the column comes from; 0 for a computed value.</param>
/// <param name="ColumnNumber">The column's attribute number in that table; 0 for a computed value or a whole row.</param>
public sealed record RowField(string Name, uint TableOid, short ColumnNumber, uint TypeOid, short TypeSize, int TypeModifier, short Format)
{
    public const short TextFormat = 0;
    public const short BinaryFormat = 1;
}
