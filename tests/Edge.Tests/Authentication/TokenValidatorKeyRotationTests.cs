using Warden.Edge.Authentication;
using Warden.Edge.Tests.Infrastructure;

namespace Warden.Edge.Tests.Authentication;

/// <summary>Each test hosts its own issuer, since rotating keys or counting fetches must not disturb shared ones.</summary>
public sealed class TokenValidatorKeyRotationTests
{
    [Fact]
    public async Task ValidateAsync_IssuerRotatedKey_NewKidFetchedByOneRefreshAndAccepted()
    {
        await using DevIssuerHost host = await DevIssuerHost.StartAsync();
        using var harness = ValidatorHarness.Create([host.Trust()]);
        Assert.True((await harness.ValidateAsync(host.Issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(5)))).Succeeded);
        Assert.Equal(1, host.JwksRequests);

        host.Issuer.RotateKey();
        TokenValidationOutcome outcome = await harness.ValidateAsync(host.Issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(5)));

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Equal(2, host.JwksRequests);
    }

    [Fact]
    public async Task ValidateAsync_UnknownKid_FailsAfterOneRefreshAndFurtherRefreshesAreRateLimited()
    {
        await using DevIssuerHost host = await DevIssuerHost.StartAsync();
        using var harness = ValidatorHarness.Create([host.Trust()], refreshInterval: TimeSpan.FromMinutes(10));
        Assert.True((await harness.ValidateAsync(host.Issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(5)))).Succeeded);

        string forged = TestTokens.Create(host.Issuer, credentials: TestTokens.ForeignRsaCredentials("kid-never-published"));
        TokenValidationOutcome first = await harness.ValidateAsync(forged);
        int jwksAfterFirst = host.JwksRequests;
        TokenValidationOutcome second = await harness.ValidateAsync(forged);

        Assert.Equal(TokenFailureReason.InvalidSignature, first.Failure?.Reason);
        Assert.Equal(TokenFailureReason.InvalidSignature, second.Failure?.Reason);
        Assert.Equal(2, jwksAfterFirst);
        Assert.Equal(2, host.JwksRequests);
    }

    [Fact]
    public async Task ValidateAsync_TokenFromBeforeRotation_RejectedOnceKeysRefreshed()
    {
        await using DevIssuerHost host = await DevIssuerHost.StartAsync();
        using var harness = ValidatorHarness.Create([host.Trust()]);
        string oldToken = host.Issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(5));
        Assert.True((await harness.ValidateAsync(oldToken)).Succeeded);

        host.Issuer.RotateKey();
        Assert.True((await harness.ValidateAsync(host.Issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(5)))).Succeeded);
        TokenValidationOutcome outcome = await harness.ValidateAsync(oldToken);

        Assert.Equal(TokenFailureReason.InvalidSignature, outcome.Failure?.Reason);
    }
}
