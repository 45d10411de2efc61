using Warden.Edge.Authentication;
using Warden.Edge.Tests.Infrastructure;

namespace Warden.Edge.Tests.Authentication;

/// <summary>
/// Lifetime checks against the real clock with margins far wider than a test run (minutes against a 30 s skew),
/// so they cannot flake on a slow machine.
/// </summary>
[Collection(IssuerCollection.Name)]
public sealed class TokenValidatorLifetimeTests(IssuerFixture issuers)
{
    [Fact]
    public async Task ValidateAsync_Expired_FailsWithExpired()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = WithTimes(notBefore: TimeSpan.FromMinutes(-20), expires: TimeSpan.FromMinutes(-5));

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.Equal(TokenFailureReason.Expired, outcome.Failure?.Reason);
        Assert.Equal("28P01", outcome.Failure?.SqlState);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinDefaultClockSkew_IsAccepted()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = WithTimes(notBefore: TimeSpan.FromMinutes(-20), expires: TimeSpan.FromSeconds(-5));

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithinSkewButSkewConfiguredZero_FailsWithExpired()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()], clockSkew: TimeSpan.Zero);
        string token = WithTimes(notBefore: TimeSpan.FromMinutes(-20), expires: TimeSpan.FromSeconds(-5));

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.Equal(TokenFailureReason.Expired, outcome.Failure?.Reason);
    }

    [Fact]
    public async Task ValidateAsync_NotBeforeBeyondSkew_FailsWithNotYetValid()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = WithTimes(notBefore: TimeSpan.FromMinutes(5), expires: TimeSpan.FromMinutes(20));

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.Equal(TokenFailureReason.NotYetValid, outcome.Failure?.Reason);
        Assert.Equal("28P01", outcome.Failure?.SqlState);
    }

    [Fact]
    public async Task ValidateAsync_NotBeforeWithinSkew_IsAccepted()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = WithTimes(notBefore: TimeSpan.FromSeconds(10), expires: TimeSpan.FromMinutes(20));

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
    }

    [Fact]
    public async Task ValidateAsync_NoExpiry_IsRejected()
    {
        using var harness = ValidatorHarness.Create([issuers.Rsa.Trust()]);
        string token = TestTokens.Create(issuers.Rsa.Issuer, d => d.Expires = null);

        TokenValidationOutcome outcome = await harness.ValidateAsync(token);

        Assert.False(outcome.Succeeded);
        Assert.Equal("28P01", outcome.Failure.SqlState);
    }

    private string WithTimes(TimeSpan notBefore, TimeSpan expires)
    {
        DateTime now = DateTime.UtcNow;
        return TestTokens.Create(issuers.Rsa.Issuer, d =>
        {
            d.IssuedAt = now + notBefore;
            d.NotBefore = now + notBefore;
            d.Expires = now + expires;
        });
    }
}
