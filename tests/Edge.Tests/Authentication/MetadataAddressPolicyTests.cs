using Warden.Edge.Authentication;

namespace Warden.Edge.Tests.Authentication;

public sealed class MetadataAddressPolicyTests
{
    [Theory]
    [InlineData("https://token.actions.githubusercontent.com")]
    [InlineData("https://idp.example.com:8443/realms/ci")]
    [InlineData("http://127.0.0.1:8080/dev")]
    [InlineData("http://127.45.6.7/dev")]
    [InlineData("http://localhost:8080/dev")]
    [InlineData("http://LOCALHOST/dev")]
    [InlineData("http://[::1]:8080/dev")]
    [InlineData("http://[::ffff:127.0.0.1]/dev")]
    public void IsAllowed_HttpsOrLoopbackHttp_True(string address) =>
        Assert.True(MetadataAddressPolicy.IsAllowed(address));

    [Theory]
    [InlineData("http://idp.example.com/dev")]
    [InlineData("http://10.0.0.5/dev")]
    [InlineData("http://192.0.2.10/dev")]
    [InlineData("http://[::ffff:10.0.0.5]/dev")]
    [InlineData("http://[fe80::1]/dev")]
    [InlineData("http://127.0.0.1.nip.io/dev")]
    [InlineData("http://localhost.example.com/dev")]
    [InlineData("ftp://127.0.0.1/dev")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:secret@localhost/dev")]
    [InlineData("/relative/dev")]
    [InlineData("")]
    public void IsAllowed_CleartextToAnotherHostOrOtherScheme_False(string address) =>
        Assert.False(MetadataAddressPolicy.IsAllowed(address));

    [Theory]
    [InlineData("https://idp.example.com", "https://idp.example.com/.well-known/openid-configuration")]
    [InlineData("https://idp.example.com/", "https://idp.example.com/.well-known/openid-configuration")]
    [InlineData("http://127.0.0.1:8080/dev", "http://127.0.0.1:8080/dev/.well-known/openid-configuration")]
    public void DiscoveryAddress_Issuer_AppendsWellKnownPath(string issuer, string expected) =>
        Assert.Equal(expected, MetadataAddressPolicy.DiscoveryAddress(issuer));

    [Fact]
    public async Task MetadataDocumentRetriever_InsecureJwksAddress_ThrowsBeforeAnyRequest()
    {
        var retriever = new MetadataDocumentRetriever(new ThrowingHttpClientFactory());

        await Assert.ThrowsAsync<InsecureMetadataAddressException>(
            () => retriever.GetDocumentAsync("http://idp.example.com/jwks", CancellationToken.None));
    }

    private sealed class ThrowingHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No request may be sent.");
    }
}
