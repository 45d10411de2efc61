using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Messages;

/// <summary>
/// StartupMessage body (after the length): Int32 protocol version, then pairs of NUL-terminated
/// name and value strings, then a final NUL.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-STARTUPMESSAGE
/// </summary>
public sealed record StartupMessage(int MajorVersion, int MinorVersion, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>Parses a packet body whose first Int32 was already seen to be a 3.x version code.</summary>
    public static StartupMessage Parse(in ReadOnlySequence<byte> body)
    {
        var reader = new PayloadReader(body);
        var version = reader.ReadInt32();
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var name = reader.ReadCString();
            if (name.Length == 0)
            {
                break;
            }
            var value = reader.ReadCString();
            if (!parameters.TryAdd(name, value))
            {
                throw ProtocolException.Malformed($"startup parameter \"{name}\" given twice");
            }
        }
        reader.ExpectEnd("StartupMessage");
        return new StartupMessage(version >> 16, version & 0xFFFF, parameters);
    }

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>Writes a 3.0 StartupMessage (used for the upstream login).</summary>
    public static void Write(IBufferWriter<byte> writer, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var list = parameters.ToList();
        // Int32 length + Int32 version + each name and value C-string + final NUL.
        var length = 4 + 4 + list.Sum(p => MessageWriter.CStringLength(p.Key) + MessageWriter.CStringLength(p.Value)) + 1;
        MessageWriter.WriteInt32(writer, length);
        MessageWriter.WriteInt32(writer, StartupCodes.Protocol30);
        foreach (var (name, value) in list)
        {
            MessageWriter.WriteCString(writer, name);
            MessageWriter.WriteCString(writer, value);
        }
        MessageWriter.WriteByte(writer, 0);
    }
}
