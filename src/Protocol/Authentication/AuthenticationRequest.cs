using System.Buffers;
using Warden.Protocol.Framing;

namespace Warden.Protocol.Authentication;

/// <summary>
/// An 'R' message from a server: Int32 code, then code-specific data (MD5 salt, SASL mechanism list, SASL data).
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-AUTHENTICATIONOK
/// </summary>
public sealed record AuthenticationRequest(int Code, byte[] Data)
{
    public static AuthenticationRequest Parse(in ReadOnlySequence<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var code = reader.ReadInt32();
        return new AuthenticationRequest(code, reader.Rest().ToArray());
    }

    /// <summary>AuthenticationSASL data: a list of NUL-terminated mechanism names ended by an empty one.</summary>
    public IReadOnlyList<string> SaslMechanisms()
    {
        var reader = new PayloadReader(new ReadOnlySequence<byte>(Data));
        var mechanisms = new List<string>();
        while (!reader.End)
        {
            var name = reader.ReadCString();
            if (name.Length == 0)
            {
                break;
            }
            mechanisms.Add(name);
        }
        return mechanisms;
    }
}
