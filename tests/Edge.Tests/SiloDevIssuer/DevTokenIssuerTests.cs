using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Warden.Silo.DevIssuer;

namespace Warden.Edge.Tests.SiloDevIssuer;

public sealed class DevTokenIssuerTests
{
    private static readonly Uri IssuerUri = new("http://127.0.0.1:8080/dev");

    [Theory]
    [InlineData("http://127.0.0.1:8080/dev", "http://127.0.0.1:8080/dev")]
    [InlineData("http://127.0.0.1:8080/dev/", "http://127.0.0.1:8080/dev")]
    [InlineData("http://localhost/dev", "http://localhost/dev")]
    public void IssuerFrom_DevPath_IsSchemeHostPortAndDevWithoutTrailingSlash(string uri, string expected) =>
        Assert.Equal(expected, DevTokenIssuer.IssuerFrom(new Uri(uri)));

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://127.0.0.1:8080/other")]
    [InlineData("http://127.0.0.1:8080/dev?x=1")]
    public void IssuerFrom_PathMapDevIssuerDoesNotServe_Throws(string uri) =>
        Assert.Throws<ArgumentException>(() => DevTokenIssuer.IssuerFrom(new Uri(uri)));

    [Fact]
    public void Mint_UsesInjectedClockForIssuedNotBeforeAndExpiry()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var issuer = new DevTokenIssuer(IssuerUri, clock);

        var jwt = new JsonWebToken(issuer.Mint("alice", ["ci"], TimeSpan.FromMinutes(10)));

        Assert.Equal(clock.Now.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(clock.Now.UtcDateTime, jwt.ValidFrom);
        Assert.Equal(clock.Now.UtcDateTime.AddMinutes(10), jwt.ValidTo);
    }

    [Fact]
    public void Mint_NonPositiveTtl_Throws()
    {
        using var issuer = new DevTokenIssuer(IssuerUri, TimeProvider.System);

        Assert.Throws<ArgumentOutOfRangeException>(() => issuer.Mint("alice", [], TimeSpan.Zero));
    }

    [Fact]
    public void RotateKey_NewTokensCarryNewKidAndJwksPublishesIt()
    {
        using var issuer = new DevTokenIssuer(IssuerUri, TimeProvider.System);
        string before = new JsonWebToken(issuer.Mint("alice", [], TimeSpan.FromMinutes(1))).Kid;

        issuer.RotateKey();
        string after = new JsonWebToken(issuer.Mint("alice", [], TimeSpan.FromMinutes(1))).Kid;

        Assert.NotEqual(before, after);
        Assert.Equal([after], issuer.GetKeySet().Keys.Select(k => k.KeyId));
    }

    [Fact]
    public void AddDevIssuer_Registration_ResolvesOneIssuerAtGivenUrl()
    {
        using ServiceProvider provider = new ServiceCollection().AddDevIssuer(IssuerUri).BuildServiceProvider();

        DevTokenIssuer issuer = provider.GetRequiredService<DevTokenIssuer>();

        Assert.Equal("http://127.0.0.1:8080/dev", issuer.Issuer);
        Assert.Same(issuer, provider.GetRequiredService<DevTokenIssuer>());
    }

    [Fact]
    public void AddDevIssuer_UrlOutsideDevPath_ThrowsAtRegistration() =>
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddDevIssuer(new Uri("http://127.0.0.1:8080/")));

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
