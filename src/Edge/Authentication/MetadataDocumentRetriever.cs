using Microsoft.IdentityModel.Protocols;

namespace Warden.Edge.Authentication;

/// <summary>
/// Fetches discovery and JWKS documents, checking every address (including the jwks_uri a discovery document
/// points to) against <see cref="MetadataAddressPolicy"/> before any request is sent. A fresh client from the
/// factory per fetch keeps DNS and connection lifetimes managed; fetches are rare (cache refreshes).
/// </summary>
internal sealed class MetadataDocumentRetriever(IHttpClientFactory httpClientFactory) : IDocumentRetriever
{
    public const string HttpClientName = "Warden.Edge.Authentication.Metadata";

    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) || !MetadataAddressPolicy.IsAllowed(uri))
            throw new InsecureMetadataAddressException();

        HttpClient client = httpClientFactory.CreateClient(HttpClientName);
        // The library's own retriever does the request and status handling; our policy above is stricter
        // than RequireHttps, which is only relaxed for loopback addresses.
        var retriever = new HttpDocumentRetriever(client) { RequireHttps = uri.Scheme == Uri.UriSchemeHttps };
        return await retriever.GetDocumentAsync(address, cancel).ConfigureAwait(false);
    }
}

/// <summary>A metadata address that is neither https nor loopback http. Carries no address: it is only logged by reason.</summary>
internal sealed class InsecureMetadataAddressException()
    : InvalidOperationException("Issuer metadata must be fetched over https unless the issuer is on a loopback address.");
