using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// FunctionCall ('F'): Int32 function OID, then argument formats, arguments and result format. Only the
/// OID is read; the message is forwarded as bytes.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-FUNCTIONCALL
/// </summary>
public static class FunctionCallMessage
{
    public static int ParseFunctionOid(in ReadOnlySequence<byte> payload) => new PayloadReader(payload).ReadInt32();
}
