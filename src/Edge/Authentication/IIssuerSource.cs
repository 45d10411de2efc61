using Warden.Grains.Interfaces.Policy;

namespace Warden.Edge.Authentication;

/// <summary>
/// The OIDC issuers this edge trusts right now (the policy's issuers, plus the development issuer in
/// --dev/--demo). Called on every token validation, so implementations must answer from a cached
/// snapshot, not with a grain call per connection.
/// </summary>
internal interface IIssuerSource
{
    ValueTask<IReadOnlyList<IdentityIssuer>> GetIssuersAsync(CancellationToken cancellationToken);
}
