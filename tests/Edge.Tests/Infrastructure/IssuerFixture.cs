using Warden.Silo.DevIssuer;

namespace Warden.Edge.Tests.Infrastructure;

/// <summary>Two independent issuers with different keys: RSA (RS256) and EC P-256 (ES256). Shared; never mutated by tests.</summary>
public sealed class IssuerFixture : IAsyncLifetime
{
    internal DevIssuerHost Rsa { get; private set; } = null!;

    internal DevIssuerHost Ecdsa { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rsa = await DevIssuerHost.StartAsync(DevSigningKeyType.Rsa2048);
        Ecdsa = await DevIssuerHost.StartAsync(DevSigningKeyType.EcdsaP256);
    }

    public async Task DisposeAsync()
    {
        await Rsa.DisposeAsync();
        await Ecdsa.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IssuerCollection : ICollectionFixture<IssuerFixture>
{
    public const string Name = "Issuers";
}
