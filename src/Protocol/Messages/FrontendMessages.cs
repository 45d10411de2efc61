using System.Buffers;
using System.Text;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// Writers and parsers for the client messages the gateway handles during authentication, on both sides:
/// it reads a client's PasswordMessage and writes its own login messages upstream.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html
/// </summary>
public static class FrontendMessages
{
    /// <summary>SSLRequest: Int32 8, Int32 80877103.</summary>
    public static void WriteSslRequest(IBufferWriter<byte> writer)
    {
        MessageWriter.WriteInt32(writer, 8);
        MessageWriter.WriteInt32(writer, StartupCodes.SslRequest);
    }

    /// <summary>PasswordMessage: 'p', String password.</summary>
    public static void WritePassword(IBufferWriter<byte> writer, string password)
    {
        MessageWriter.WriteHeader(writer, FrontendMessageType.Password, MessageWriter.CStringLength(password));
        MessageWriter.WriteCString(writer, password);
    }

    /// <summary>Parses PasswordMessage: String password. A missing terminator or trailing bytes are malformed.</summary>
    public static string ParsePassword(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var password = reader.ReadCString();
        reader.ExpectEnd("PasswordMessage");
        return password;
    }

    /// <summary>SASLInitialResponse: 'p', String mechanism, Int32 length of data (-1 for none), Byte(n) data.</summary>
    public static void WriteSaslInitialResponse(IBufferWriter<byte> writer, string mechanism, string data)
    {
        var dataLength = Encoding.UTF8.GetByteCount(data);
        MessageWriter.WriteHeader(writer, FrontendMessageType.Password, MessageWriter.CStringLength(mechanism) + 4 + dataLength);
        MessageWriter.WriteCString(writer, mechanism);
        MessageWriter.WriteInt32(writer, dataLength);
        MessageWriter.WriteBytes(writer, Encoding.UTF8.GetBytes(data));
    }

    /// <summary>SASLResponse: 'p', Byte(n) data.</summary>
    public static void WriteSaslResponse(IBufferWriter<byte> writer, string data)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        MessageWriter.WriteHeader(writer, FrontendMessageType.Password, bytes.Length);
        MessageWriter.WriteBytes(writer, bytes);
    }

    /// <summary>Terminate: 'X', Int32 4.</summary>
    public static void WriteTerminate(IBufferWriter<byte> writer) =>
        MessageWriter.WriteHeader(writer, FrontendMessageType.Terminate, 0);
}
