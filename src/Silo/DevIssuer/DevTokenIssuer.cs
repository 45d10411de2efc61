using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Warden.Silo.DevIssuer;

/// <summary>
/// A real OIDC issuer for --dev and --demo: a key generated at start, tokens signed with it, and discovery and
/// JWKS documents the edge validates against exactly as it would a production identity provider.
/// </summary>
internal sealed class DevTokenIssuer : IDisposable
{
    /// <summary>The issuer lives under this path of the REST host (DESIGN section 6: POST /dev/token).</summary>
    public const string PathPrefix = "/dev";

    public const string Audience = "warden";

    public const string GroupsClaim = "groups";

    private readonly TimeProvider _timeProvider;
    private readonly DevSigningKeyType _keyType;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lock _rotationLock = new();
    private readonly List<DevSigningKey> _retiredKeys = [];
    private volatile DevSigningKey _currentKey;

    public DevTokenIssuer(Uri issuerUri, TimeProvider timeProvider, DevSigningKeyType keyType = DevSigningKeyType.Rsa2048)
    {
        Issuer = IssuerFrom(issuerUri);
        _timeProvider = timeProvider;
        _keyType = keyType;
        _currentKey = DevSigningKey.Create(keyType);
    }

    /// <summary>
    /// The issuer string for a URL MapDevIssuer serves: scheme, host, port and /dev, without a trailing slash,
    /// since validators compare issuers byte for byte.
    /// </summary>
    public static string IssuerFrom(Uri issuerUri)
    {
        ArgumentNullException.ThrowIfNull(issuerUri);
        if (!issuerUri.IsAbsoluteUri || issuerUri.AbsolutePath.TrimEnd('/') != PathPrefix
            || !string.IsNullOrEmpty(issuerUri.Query) || !string.IsNullOrEmpty(issuerUri.Fragment))
        {
            throw new ArgumentException(
                $"The development issuer must be an absolute URL ending in {PathPrefix}, e.g. http://127.0.0.1:8080{PathPrefix}.",
                nameof(issuerUri));
        }

        return issuerUri.GetLeftPart(UriPartial.Authority) + PathPrefix;
    }

    /// <summary>The iss claim of every token, e.g. http://127.0.0.1:8080/dev.</summary>
    public string Issuer { get; }

    public string JwksUri => Issuer + "/jwks";

    public string TokenEndpoint => Issuer + "/token";

    /// <summary>The JWS algorithm of the current key (RS256 or ES256).</summary>
    public string SigningAlgorithm => _currentKey.Credentials.Algorithm;

    /// <summary>Longest lifetime a minted token gets; longer requests are shortened to this.</summary>
    public static TimeSpan MaxLifetime { get; } = TimeSpan.FromHours(24);

    /// <summary>The signing credentials of the current key, for tests that build tokens with unusual claims.</summary>
    internal SigningCredentials SigningCredentials => _currentKey.Credentials;

    /// <summary>The public keys a validator may use: only the current key.</summary>
    public JsonWebKeySetDocument GetKeySet() => new([_currentKey.PublicKey]);

    public DiscoveryDocument GetDiscoveryDocument() => new(
        Issuer,
        JwksUri,
        TokenEndpoint,
        ResponseTypesSupported: ["id_token"],
        SubjectTypesSupported: ["public"],
        SigningAlgorithmsSupported: [SigningAlgorithm],
        ClaimsSupported: ["iss", "aud", "sub", GroupsClaim, "jti", "iat", "nbf", "exp"]);

    /// <summary>A signed token for <paramref name="subject"/>, valid from now for <paramref name="ttl"/> (at most <see cref="MaxLifetime"/>).</summary>
    public string Mint(string subject, IReadOnlyList<string> groups, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        if (ttl > MaxLifetime)
            ttl = MaxLifetime;

        DateTime now = _timeProvider.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + ttl,
            SigningCredentials = _currentKey.Credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = subject,
                [GroupsClaim] = groups.ToArray(),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>
    /// Replaces the signing key with a new one (new kid). Tokens signed before stop validating once a validator
    /// refreshes its keys. The old key is kept alive, not disposed, because a concurrent Mint may still use it.
    /// </summary>
    public void RotateKey()
    {
        lock (_rotationLock)
        {
            _retiredKeys.Add(_currentKey);
            _currentKey = DevSigningKey.Create(_keyType);
        }
    }

    public void Dispose()
    {
        lock (_rotationLock)
        {
            _currentKey.Dispose();
            foreach (DevSigningKey key in _retiredKeys)
                key.Dispose();
            _retiredKeys.Clear();
        }
    }
}
