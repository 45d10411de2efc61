using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Warden.Edge.Tests.Infrastructure;
using Warden.Silo.DevIssuer;

namespace Warden.Edge.Tests.SiloDevIssuer;

[Collection(IssuerCollection.Name)]
public sealed class DevIssuerEndpointsTests(IssuerFixture issuers)
{
    private static readonly string[] PrivateKeyMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    [Fact]
    public async Task PostToken_SubGroupsAndTtl_ReturnsOnlyTokenWithRequestedClaims()
    {
        using HttpResponseMessage response = await issuers.Rsa.Client.PostAsJsonAsync(
            "/dev/token", new { sub = "alice", groups = new[] { "ci", "readers" }, ttlSeconds = 600 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonProperty only = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("token", only.Name);

        var jwt = new JsonWebToken(only.Value.GetString());
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(issuers.Rsa.Issuer.Issuer, jwt.Issuer);
        Assert.Equal([DevTokenIssuer.Audience], jwt.Audiences);
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal(["ci", "readers"], jwt.Claims.Where(c => c.Type == "groups").Select(c => c.Value));
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(jwt.IssuedAt, jwt.ValidFrom);
        Assert.Equal(TimeSpan.FromSeconds(600), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task PostToken_TtlOmitted_Defaults900Seconds()
    {
        JsonWebToken jwt = await MintAsync(new { sub = "alice" });

        Assert.Equal(TimeSpan.FromSeconds(900), jwt.ValidTo - jwt.IssuedAt);
        Assert.DoesNotContain(jwt.Claims, c => c.Type == "groups" && !string.IsNullOrEmpty(c.Value));
    }

    [Fact]
    public async Task PostToken_TtlAboveOneDay_CappedAtOneDay()
    {
        JsonWebToken jwt = await MintAsync(new { sub = "alice", ttlSeconds = 10 * 86400 });

        Assert.Equal(TimeSpan.FromHours(24), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task PostToken_TwoTokens_HaveDistinctTokenIds()
    {
        JsonWebToken first = await MintAsync(new { sub = "alice" });
        JsonWebToken second = await MintAsync(new { sub = "alice" });

        Assert.NotEqual(first.Id, second.Id);
    }

    [Theory]
    [InlineData("""{"groups":["ci"]}""", "sub")]
    [InlineData("""{"sub":"","groups":["ci"]}""", "sub")]
    [InlineData("""{"sub":"alice","ttlSeconds":0}""", "ttlSeconds")]
    [InlineData("""{"sub":"alice","ttlSeconds":-5}""", "ttlSeconds")]
    [InlineData("""{"sub":"alice","groups":["ci",""]}""", "groups")]
    public async Task PostToken_InvalidRequest_Returns400ProblemDetailsNamingField(string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await issuers.Rsa.Client.PostAsync("/dev/token", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
        Assert.False(problem.RootElement.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task GetDiscovery_Document_NamesIssuerJwksAndAlgorithm()
    {
        using JsonDocument discovery = await GetJsonAsync(issuers.Ecdsa, "/dev/.well-known/openid-configuration");
        JsonElement root = discovery.RootElement;

        Assert.Equal(issuers.Ecdsa.Issuer.Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(issuers.Ecdsa.Issuer.Issuer + "/jwks", root.GetProperty("jwks_uri").GetString());
        Assert.Equal(["ES256"], root.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        AssertNoPrivateKeyMaterial(root);
    }

    [Fact]
    public async Task GetJwks_RsaIssuer_PublishesPublicKeyOnly()
    {
        using JsonDocument jwks = await GetJsonAsync(issuers.Rsa, "/dev/jwks");
        JsonElement key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());

        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(issuers.Rsa.Issuer.SigningCredentials.Key.KeyId, key.GetProperty("kid").GetString());
        Assert.Equal("AQAB", key.GetProperty("e").GetString());
        Assert.Equal(256, Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(key.GetProperty("n").GetString()).Length);
        AssertNoPrivateKeyMaterial(jwks.RootElement);
    }

    [Fact]
    public async Task GetJwks_EcdsaIssuer_PublishesPublicKeyOnly()
    {
        using JsonDocument jwks = await GetJsonAsync(issuers.Ecdsa, "/dev/jwks");
        JsonElement key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());

        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.True(key.TryGetProperty("x", out _) && key.TryGetProperty("y", out _));
        AssertNoPrivateKeyMaterial(jwks.RootElement);
    }

    private async Task<JsonWebToken> MintAsync(object request)
    {
        using HttpResponseMessage response = await issuers.Rsa.Client.PostAsJsonAsync("/dev/token", request);
        response.EnsureSuccessStatusCode();
        DevTokenResponse? body = await response.Content.ReadFromJsonAsync<DevTokenResponse>();
        return new JsonWebToken(body!.Token);
    }

    private static async Task<JsonDocument> GetJsonAsync(DevIssuerHost host, string path)
    {
        using HttpResponseMessage response = await host.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static void AssertNoPrivateKeyMaterial(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Assert.DoesNotContain(property.Name, PrivateKeyMembers);
                    AssertNoPrivateKeyMaterial(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                    AssertNoPrivateKeyMaterial(item);
                break;
        }
    }
}
