using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// CancelRequest: Int32 length 16, Int32 80877102, Int32 process id, Int32 secret key.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-CANCELREQUEST
/// </summary>
public readonly record struct CancelRequest(int ProcessId, int SecretKey)
{
    /// <summary>Parses the body after the length word (the code is re-read and checked).</summary>
    public static CancelRequest Parse(in ReadOnlySequence<byte> body)
    {
        var reader = new PayloadReader(body);
        if (reader.ReadInt32() != StartupCodes.CancelRequest)
        {
            throw ProtocolException.Malformed("not a CancelRequest");
        }
        var request = new CancelRequest(reader.ReadInt32(), reader.ReadInt32());
        reader.ExpectEnd("CancelRequest");
        return request;
    }

    public void Write(IBufferWriter<byte> writer)
    {
        MessageWriter.WriteInt32(writer, 16);
        MessageWriter.WriteInt32(writer, StartupCodes.CancelRequest);
        MessageWriter.WriteInt32(writer, ProcessId);
        MessageWriter.WriteInt32(writer, SecretKey);
    }
}
