using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Warden.Edge.Authentication;

/// <summary>
/// The cached discovery document and signing keys of one issuer. One instance per issuer URL lives for the
/// edge's lifetime, so validations never fetch; the manager refreshes on its own schedule or when asked.
/// </summary>
internal sealed class IssuerMetadata
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;

    public IssuerMetadata(string issuer, IDocumentRetriever retriever, TokenValidationOptions options)
    {
        Issuer = issuer;
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            MetadataAddressPolicy.DiscoveryAddress(issuer),
            new OpenIdConnectConfigurationRetriever(),
            retriever)
        {
            AutomaticRefreshInterval = options.AutomaticRefreshInterval,
            RefreshInterval = options.MetadataRefreshInterval,
        };
    }

    public string Issuer { get; }

    /// <summary>The current keys. Throws when metadata was never obtained (the caller fails closed).</summary>
    public async Task<SigningKeySet> GetKeysAsync(CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return SigningKeySet.From(configuration);
    }

    /// <summary>
    /// Asks for fresh keys after a token named a key id we do not have, and returns the keys afterwards.
    /// The manager ignores the request if it refreshed within <see cref="TokenValidationOptions.MetadataRefreshInterval"/>;
    /// the caller then sees the same key set and fails the token.
    /// </summary>
    public async Task<SigningKeySet> RefreshKeysAsync(CancellationToken cancellationToken)
    {
        _manager.RequestRefresh();
        return await GetKeysAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The asymmetric signing keys of one metadata snapshot, and the issuer that snapshot declares.</summary>
internal sealed class SigningKeySet
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<OpenIdConnectConfiguration, SigningKeySet> Cache = new();

    private SigningKeySet(OpenIdConnectConfiguration source, string? declaredIssuer, IReadOnlyList<SecurityKey> keys)
    {
        Source = source;
        DeclaredIssuer = declaredIssuer;
        Keys = keys;
    }

    /// <summary>The snapshot these keys came from; a refresh that changed nothing returns the same one.</summary>
    public OpenIdConnectConfiguration Source { get; }

    public string? DeclaredIssuer { get; }

    public IReadOnlyList<SecurityKey> Keys { get; }

    public static SigningKeySet From(OpenIdConnectConfiguration configuration) =>
        Cache.GetValue(configuration, static c => new SigningKeySet(c, c.Issuer, [.. c.SigningKeys.Where(IsAsymmetric)]));

    // A JWKS may publish symmetric ("oct") keys; a shared secret known to the issuer's clients must never
    // verify identities here, so only RSA and EC keys are kept.
    private static bool IsAsymmetric(SecurityKey key) => key switch
    {
        AsymmetricSecurityKey => true,
        JsonWebKey jwk => jwk.Kty is JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve,
        _ => false,
    };
}
