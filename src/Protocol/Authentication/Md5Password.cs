using System.Security.Cryptography;
using System.Text;

namespace Warden.Protocol.Authentication;

/// <summary>
/// The md5 password answer: "md5" + md5hex(md5hex(password + user) + salt).
/// https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP (AuthenticationMD5Password)
/// </summary>
public static class Md5Password
{
    public static string Compute(string user, string password, ReadOnlySpan<byte> salt)
    {
        // MD5 is what the server demands here; it is not our choice of hash.
#pragma warning disable CA5351
        var inner = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + user)));
        var outerInput = new byte[inner.Length + salt.Length];
        Encoding.ASCII.GetBytes(inner, outerInput);
        salt.CopyTo(outerInput.AsSpan(inner.Length));
        return "md5" + Convert.ToHexStringLower(MD5.HashData(outerInput));
#pragma warning restore CA5351
    }
}
