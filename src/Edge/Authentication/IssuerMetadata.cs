using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

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
