using Microsoft.IdentityModel.JsonWebTokens;
using Warden.Edge.Authentication;
using Warden.Edge.Tests.Infrastructure;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Tests.Authentication;

[Collection(IssuerCollection.Name)]
public sealed class TokenValidatorTests(IssuerFixture issuers)
{
    [Fact]
    public async Task ValidateAsync_MintedRsaToken_ReturnsIdentityWithSubjectGroupsTokenIdAndExpiry()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = issuers.Rsa.Issuer.Mint("alice", ["ci", "readers"], TimeSpan.FromMinutes(15));
        var minted = new JsonWebToken(token);

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        CallerIdentity identity = outcome.Identity;
        Assert.Equal("alice", identity.Subject);
        Assert.Equal(issuers.Rsa.Issuer.Issuer, identity.Issuer);
        Assert.Equal(["ci", "readers"], identity.Groups);
        Assert.Equal(minted.Id, identity.TokenId);
        Assert.False(string.IsNullOrEmpty(identity.TokenId));
        Assert.Equal(new DateTimeOffset(minted.ValidTo, TimeSpan.Zero), identity.ExpiresAt);
        Assert.InRange(identity.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
    }

    [Fact]
    public async Task ValidateAsync_MintedEcdsaToken_IsAccepted()
    {
        using var harness = ValidatorHarness.Create([issuers.Ecdsa.Trust()]);
        string token = issuers.Ecdsa.Issuer.Mint("bob", ["agents"], TimeSpan.FromMinutes(5));

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.Equal("ES256", new JsonWebToken(token).Alg);
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Equal("bob", outcome.Identity.Subject);
        Assert.Equal(issuers.Ecdsa.Issuer.Issuer, outcome.Identity.Issuer);
    }

    [Fact]
    public async Task ValidateAsync_SeveralTrustedIssuers_EachTokenMapsToItsIssuer()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust(), issuers.Ecdsa.Trust()]);

        TokenValidationOutcome fromRsa = await harness.ValidateAsync(issuers.Rsa.Issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(5)));
        TokenValidationOutcome fromEc = await harness.ValidateAsync(issuers.Ecdsa.Issuer.Mint("bob", ["dba"], TimeSpan.FromMinutes(5)));

        Assert.True(fromRsa.Succeeded, fromRsa.Failure?.ToString());
        Assert.True(fromEc.Succeeded, fromEc.Failure?.ToString());
        Assert.Equal((issuers.Rsa.Issuer.Issuer, "alice"), (fromRsa.Identity.Issuer, fromRsa.Identity.Subject));
        Assert.Equal((issuers.Ecdsa.Issuer.Issuer, "bob"), (fromEc.Identity.Issuer, fromEc.Identity.Subject));
    }

    [Fact]
    public async Task ValidateAsync_ConfiguredGroupsClaim_ReadsThatClaimOnly()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust(groupsClaim: "roles")]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Claims["roles"] = new[] { "dba", "ci" });

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Equal(["dba", "ci"], outcome.Identity.Groups);
    }

    [Fact]
    public async Task ValidateAsync_GroupsClaimIsSingleString_ReturnsOneGroup()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Claims["groups"] = "ci");

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Equal(["ci"], outcome.Identity.Groups);
    }

    [Fact]
    public async Task ValidateAsync_GroupsClaimAbsent_ReturnsNoGroupsAndNoTokenId()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d =>
        {
            d.Claims.Remove("groups");
            d.Claims.Remove(JwtRegisteredClaimNames.Jti);
        });

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Empty(outcome.Identity.Groups);
        Assert.Null(outcome.Identity.TokenId);
    }

    [Fact]
    public async Task ValidateAsync_GroupsClaimHoldsNumbers_FailsWithInvalidClaims()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Claims["groups"] = new object[] { "ci", 42 });

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.False(outcome.Succeeded);
        Assert.Equal(TokenFailureReason.InvalidClaims, outcome.Failure.Reason);
        Assert.Equal("28P01", outcome.Failure.SqlState);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ValidateAsync_MissingOrEmptySubject_FailsWithMissingSubject(string? subject)
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d =>
        {
            if (subject is null)
                d.Claims.Remove(JwtRegisteredClaimNames.Sub);
            else
                d.Claims[JwtRegisteredClaimNames.Sub] = subject;
        });

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.False(outcome.Succeeded);
        Assert.Equal(TokenFailureReason.MissingSubject, outcome.Failure.Reason);
        Assert.Equal("28P01", outcome.Failure.SqlState);
    }

    [Fact]
    public async Task ValidateAsync_RepeatedTokens_FetchesMetadataOnlyOnce()
    {
        await using DevIssuerHost host = await DevIssuerHost.StartAsync();
        using var harness = ValidatorHarness.Create([host.Trust()]);
        string token = host.Issuer.Mint("ci-runner", ["ci"], TimeSpan.FromMinutes(5));

        TokenValidationOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => harness.ValidateAsync(token)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure?.ToString()));
        Assert.Equal(1, host.DiscoveryRequests);
        Assert.Equal(1, host.JwksRequests);
    }
}
