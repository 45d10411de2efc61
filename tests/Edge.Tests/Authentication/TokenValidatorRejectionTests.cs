using Microsoft.IdentityModel.Tokens;
using Warden.Edge.Authentication;
using Warden.Edge.Tests.Infrastructure;
using Warden.Grains.Interfaces.Policy;
using Warden.Silo.DevIssuer;

namespace Warden.Edge.Tests.Authentication;

[Collection(IssuerCollection.Name)]
public sealed class TokenValidatorRejectionTests(IssuerFixture issuers)
{
    [Fact]
    public async Task ValidateAsync_WrongAudience_FailsWithInvalidAudience()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Audience = "some-other-api");

        await AssertRejected(harness, token, TokenFailureReason.InvalidAudience, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_IssuerNotTrusted_FailsWith28000WithoutFetchingItsMetadata()
    {
        await using DevIssuerHost untrusted = await DevIssuerHost.StartAsync();
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);

        await AssertRejected(harness, untrusted.Issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(5)), TokenFailureReason.UntrustedIssuer, "28000");
        Assert.Equal(0, untrusted.DiscoveryRequests);
    }

    [Fact]
    public async Task ValidateAsync_ClaimsTrustedIssuerButSignedWithOtherIssuersKey_FailsWithInvalidSignature()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust(), issuers.Ecdsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, credentials: issuers.Ecdsa.Issuer.SigningCredentials);

        await AssertRejected(harness, token, TokenFailureReason.InvalidSignature, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_ForeignKeyPosingUnderTrustedKid_FailsWithInvalidSignature()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string trustedKid = issuers.Rsa.Issuer.SigningCredentials.Key.KeyId;
        string token = TestTokens.Create(issuers.Rsa.Issuer, credentials: TestTokens.ForeignRsaCredentials(trustedKid));

        await AssertRejected(harness, token, TokenFailureReason.InvalidSignature, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_TamperedPayload_FailsWithInvalidSignature()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string[] genuine = TestTokens.Create(issuers.Rsa.Issuer).Split('.');
        string forgedPayload = TestTokens.Create(issuers.Rsa.Issuer, d => d.Claims["groups"] = new[] { "dba" }).Split('.')[1];

        await AssertRejected(harness, $"{genuine[0]}.{forgedPayload}.{genuine[2]}", TokenFailureReason.InvalidSignature, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_FailsWithUnsupportedAlgorithm()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);

        await AssertRejected(harness, TestTokens.Unsigned(issuers.Rsa.Issuer), TokenFailureReason.UnsupportedAlgorithm, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_Hs256WithRsaPublicKeyAsSecret_FailsWithUnsupportedAlgorithm()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);

        await AssertRejected(harness, TestTokens.HmacWithRsaPublicKey(issuers.Rsa.Issuer), TokenFailureReason.UnsupportedAlgorithm, "28P01");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hunter2")]
    [InlineData("not.a.jwt")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30")]
    [InlineData("....")]
    [InlineData("eyJ9.eyJ9.eyJ9")]
    public async Task ValidateAsync_NotAJwt_FailsWithMalformed(string token)
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);

        await AssertRejected(harness, token, TokenFailureReason.Malformed, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_OversizedToken_FailsWithMalformed()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Claims["padding"] = new string('x', TokenValidator.MaxTokenLength));

        await AssertRejected(harness, token, TokenFailureReason.Malformed, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_NonLoopbackHttpIssuer_RefusedBeforeAnyFetch()
    {
        const string cleartextIssuer = "http://192.0.2.10/dev";
        using var harness = ValidatorHarness.Create([new IdentityIssuer(cleartextIssuer, DevTokenIssuer.Audience, "groups")]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Issuer = cleartextIssuer);

        await AssertRejected(harness, token, TokenFailureReason.InsecureIssuerMetadata, "28000");
    }

    [Fact]
    public async Task ValidateAsync_IssuerUnreachable_FailsClosed()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        const string deadIssuer = "http://127.0.0.1:1/dev";
        using var harness = ValidatorHarness.Create([new IdentityIssuer(deadIssuer, DevTokenIssuer.Audience, "groups")]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Issuer = deadIssuer);

        await AssertRejected(harness, token, TokenFailureReason.IssuerUnavailable, "28P01");
    }

    [Fact]
    public async Task ValidateAsync_DiscoveryNamesDifferentIssuer_FailsClosed()
    {
        // Same server reached as "localhost": its discovery document says 127.0.0.1, so it is not this issuer's.
        string alias = issuers.Rsa.Issuer.Issuer.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        using var harness = ValidatorHarness.Create([new IdentityIssuer(alias, DevTokenIssuer.Audience, "groups")]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Issuer = alias);

        await AssertRejected(harness, token, TokenFailureReason.IssuerUnavailable, "28P01");
    }

    private static async Task AssertRejected(ValidatorHarness harness, string token, TokenFailureReason reason, string sqlState)
    {
        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Identity);
        Assert.Equal(reason, outcome.Failure.Reason);
        Assert.Equal(sqlState, outcome.Failure.SqlState);
        // Fixed sentences only: no library error codes, exception text or token content reach the client.
        Assert.DoesNotContain("IDX", outcome.Failure.ClientMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", outcome.Failure.ClientMessage, StringComparison.Ordinal);
        if (token.Length > 8)
            Assert.DoesNotContain(token, outcome.Failure.ClientMessage, StringComparison.Ordinal);
    }
}
