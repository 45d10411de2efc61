using System.Buffers;
using System.Text;

namespace Warden.Protocol.Framing;

/// <summary>
/// Reads the fields of one message payload. Every read checks bounds and throws 08P01 on a truncated
/// or malformed message, so parsers never read past the message they were given.
/// </summary>
public ref struct PayloadReader(ReadOnlySequence<byte> payload)
{
    private SequenceReader<byte> _reader = new(payload);

    public readonly long Remaining => _reader.Remaining;

    public readonly bool End => _reader.End;

    public byte ReadByte() =>
        _reader.TryRead(out var value) ? value : throw Truncated();

    public short ReadInt16() =>
        _reader.TryReadBigEndian(out short value) ? value : throw Truncated();

    public int ReadInt32() =>
        _reader.TryReadBigEndian(out int value) ? value : throw Truncated();

    /// <summary>A NUL-terminated UTF-8 string.</summary>
    public string ReadCString()
    {
        if (!_reader.TryReadTo(out ReadOnlySequence<byte> bytes, 0, advancePastDelimiter: true))
        {
            throw ProtocolException.Malformed("string field is not NUL-terminated");
        }
        return Encoding.UTF8.GetString(bytes);
    }

    public ReadOnlySequence<byte> ReadBytes(int count)
    {
        if (count < 0 || _reader.Remaining < count)
        {
            throw Truncated();
        }
        var slice = _reader.UnreadSequence.Slice(0, count);
        _reader.Advance(count);
        return slice;
    }

    public readonly ReadOnlySequence<byte> Rest() => _reader.UnreadSequence;

    /// <summary>Insists the whole payload was consumed: trailing bytes mean a malformed message.</summary>
    public readonly void ExpectEnd(string messageName)
    {
        if (!_reader.End)
        {
            throw ProtocolException.Malformed($"{messageName} message has {_reader.Remaining} unexpected trailing bytes");
        }
    }

    private static ProtocolException Truncated() => ProtocolException.Malformed("message is truncated");
}
