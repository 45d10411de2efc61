using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// Writers for the small server messages the gateway itself sends to clients.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html
/// </summary>
public static class BackendMessages
{
    /// <summary>AuthenticationOk / AuthenticationCleartextPassword: 'R', Int32 8, Int32 code.</summary>
    public static void WriteAuthentication(IBufferWriter<byte> writer, int code)
    {
        MessageWriter.WriteHeader(writer, BackendMessageType.Authentication, 4);
        MessageWriter.WriteInt32(writer, code);
    }

    /// <summary>ParameterStatus: 'S', String name, String value.</summary>
    public static void WriteParameterStatus(IBufferWriter<byte> writer, string name, string value)
    {
        MessageWriter.WriteHeader(writer, BackendMessageType.ParameterStatus, MessageWriter.CStringLength(name) + MessageWriter.CStringLength(value));
        MessageWriter.WriteCString(writer, name);
        MessageWriter.WriteCString(writer, value);
    }

    /// <summary>BackendKeyData (protocol 3.0): 'K', Int32 12, Int32 process id, Int32 secret key.</summary>
    public static void WriteBackendKeyData(IBufferWriter<byte> writer, int processId, int secretKey)
    {
        MessageWriter.WriteHeader(writer, BackendMessageType.BackendKeyData, 8);
        MessageWriter.WriteInt32(writer, processId);
        MessageWriter.WriteInt32(writer, secretKey);
    }

    /// <summary>ReadyForQuery: 'Z', Int32 5, Byte1 status ('I' idle, 'T' in transaction, 'E' failed transaction).</summary>
    public static void WriteReadyForQuery(IBufferWriter<byte> writer, byte status)
    {
        MessageWriter.WriteHeader(writer, BackendMessageType.ReadyForQuery, 1);
        MessageWriter.WriteByte(writer, status);
    }

    /// <summary>
    /// NegotiateProtocolVersion: 'v', Int32 newest minor version supported, Int32 count of unrecognized
    /// options, String each option name.
    /// </summary>
    public static void WriteNegotiateProtocolVersion(IBufferWriter<byte> writer, int newestMinor, IReadOnlyList<string> unrecognizedOptions)
    {
        var length = 4 + 4 + unrecognizedOptions.Sum(MessageWriter.CStringLength);
        MessageWriter.WriteHeader(writer, BackendMessageType.NegotiateProtocolVersion, length);
        MessageWriter.WriteInt32(writer, newestMinor);
        MessageWriter.WriteInt32(writer, unrecognizedOptions.Count);
        foreach (var option in unrecognizedOptions)
        {
            MessageWriter.WriteCString(writer, option);
        }
    }

    /// <summary>Parses ParameterStatus: String name, String value.</summary>
    public static (string Name, string Value) ParseParameterStatus(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var result = (reader.ReadCString(), reader.ReadCString());
        reader.ExpectEnd("ParameterStatus");
        return result;
    }

    /// <summary>Parses BackendKeyData for protocol 3.0 (a 4-byte key).</summary>
    public static (int ProcessId, int SecretKey) ParseBackendKeyData(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var result = (reader.ReadInt32(), reader.ReadInt32());
        reader.ExpectEnd("BackendKeyData");
        return result;
    }
}
