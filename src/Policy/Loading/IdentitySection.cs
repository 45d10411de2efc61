using System.Collections.Immutable;
using Warden.Policy.Identity;

namespace Warden.Policy.Loading;

/// <summary>The <c>identity</c> section: trusted OIDC issuers.</summary>
internal static class IdentitySection
{
    private const string Path = "identity";

    public static IdentityPolicy Read(SourceNode? node, Diagnostics diagnostics)
    {
        if (node is null || MappingFields.AsMapping(node, Path, diagnostics) is not { } mapping)
        {
            return IdentityPolicy.Empty;
        }
        var fields = new MappingFields(mapping, Path, diagnostics, "issuers");
        if (fields.Get("issuers") is not { } issuersNode)
        {
            return IdentityPolicy.Empty;
        }
        if (issuersNode is not SourceSequence sequence)
        {
            diagnostics.Add(issuersNode, fields.PathOf("issuers"), $"expected a list of issuers, found {issuersNode.Kind}");
            return IdentityPolicy.Empty;
        }
        var issuers = ImmutableArray.CreateBuilder<TrustedIssuer>();
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var path = $"{Path}.issuers[{i}]";
            if (MappingFields.AsMapping(sequence.Items[i], path, diagnostics) is not { } issuerMapping)
            {
                continue;
            }
            var issuerFields = new MappingFields(issuerMapping, path, diagnostics, "issuer", "audience", "groupsClaim");
            var issuer = issuerFields.RequiredString("issuer");
            var audience = issuerFields.RequiredString("audience");
            var groupsClaim = issuerFields.Get("groupsClaim") is { } claimNode
                ? MappingFields.ReadText(claimNode, issuerFields.PathOf("groupsClaim"), diagnostics)
                : TrustedIssuer.DefaultGroupsClaim;
            if (issuer is not null && !IsIssuerUrl(issuer))
            {
                diagnostics.Add(issuerFields.Get("issuer")!, issuerFields.PathOf("issuer"), $"issuer '{issuer}' must be an absolute https:// (or http://) URL");
                continue;
            }
            if (issuer is null || audience is null || groupsClaim is null)
            {
                continue;
            }
            if (issuers.Any(e => e.Issuer == issuer && e.Audience == audience))
            {
                diagnostics.Add(issuerMapping, path, $"issuer '{issuer}' with audience '{audience}' is listed twice");
                continue;
            }
            issuers.Add(new TrustedIssuer(issuer, audience, groupsClaim));
        }
        return new IdentityPolicy(issuers.ToImmutable());
    }

    private static bool IsIssuerUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
