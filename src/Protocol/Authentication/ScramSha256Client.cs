using System.Security.Cryptography;
using System.Text;

namespace Warden.Protocol.Authentication;

/// <summary>
/// Client side of SCRAM-SHA-256 without channel binding (gs2 header "n,,"), as PostgreSQL runs it.
/// RFC 5802 §3 and RFC 7677; https://www.postgresql.org/docs/current/sasl-authentication.html
/// </summary>
public sealed class ScramSha256Client
{
    public const string Mechanism = "SCRAM-SHA-256";
    private const string Gs2Header = "n,,";

    private readonly string _password;
    private readonly string _clientNonce;
    private readonly string _userName;
    private string? _clientFirstBare;
    private byte[]? _expectedServerSignature;

    /// <param name="userName">Sent in client-first; PostgreSQL ignores it (it uses the startup user), so it defaults to empty.</param>
    public ScramSha256Client(string password, string? clientNonce = null, string userName = "")
    {
        _password = password;
        _userName = userName;
        _clientNonce = clientNonce ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
    }

    /// <summary>client-first-message: gs2 header, then "n=user,r=nonce".</summary>
    public string ClientFirstMessage()
    {
        _clientFirstBare = "n=" + _userName + ",r=" + _clientNonce;
        return Gs2Header + _clientFirstBare;
    }

    /// <summary>Answers server-first-message ("r=..,s=..,i=..") with client-final-message.</summary>
    public string ClientFinalMessage(string serverFirst)
    {
        if (_clientFirstBare is null)
        {
            throw new InvalidOperationException("client-first-message was not sent");
        }
        var attributes = ParseAttributes(serverFirst);
        var nonce = attributes.GetValueOrDefault('r') ?? throw Invalid("server-first-message has no nonce");
        if (!nonce.StartsWith(_clientNonce, StringComparison.Ordinal) || nonce.Length == _clientNonce.Length)
        {
            throw Invalid("server nonce does not extend the client nonce");
        }
        var salt = Convert.FromBase64String(attributes.GetValueOrDefault('s') ?? throw Invalid("server-first-message has no salt"));
        if (!int.TryParse(attributes.GetValueOrDefault('i'), out var iterations) || iterations < 1)
        {
            throw Invalid("server-first-message has no valid iteration count");
        }

        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(_password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(saltedPassword, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var channelBinding = "c=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(Gs2Header));
        var clientFinalWithoutProof = channelBinding + ",r=" + nonce;
        var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof);
        var clientSignature = HMACSHA256.HashData(storedKey, authMessage);
        var proof = new byte[clientKey.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            proof[i] = (byte)(clientKey[i] ^ clientSignature[i]);
        }
        var serverKey = HMACSHA256.HashData(saltedPassword, "Server Key"u8);
        _expectedServerSignature = HMACSHA256.HashData(serverKey, authMessage);
        return clientFinalWithoutProof + ",p=" + Convert.ToBase64String(proof);
    }

    /// <summary>Checks server-final-message ("v=..."): proves the server knew the password too.</summary>
    public void VerifyServerFinal(string serverFinal)
    {
        var attributes = ParseAttributes(serverFinal);
        if (attributes.TryGetValue('e', out var error))
        {
            throw Invalid("server rejected SCRAM exchange: " + error);
        }
        var signature = Convert.FromBase64String(attributes.GetValueOrDefault('v') ?? throw Invalid("server-final-message has no verifier"));
        if (_expectedServerSignature is null || !CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
        {
            throw Invalid("server signature does not match");
        }
    }

    private static Dictionary<char, string> ParseAttributes(string message)
    {
        var result = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length >= 2 && part[1] == '=')
            {
                result[part[0]] = part[2..];
            }
        }
        return result;
    }

    private static ScramException Invalid(string message) => new(message);
}

/// <summary>A SCRAM exchange that must be abandoned: the server misbehaved or could not prove itself.</summary>
public sealed class ScramException(string message) : Exception(message);
