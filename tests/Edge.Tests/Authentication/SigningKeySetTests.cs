using System.Security.Cryptography;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Warden.Edge.Authentication;

namespace Warden.Edge.Tests.Authentication;

public sealed class SigningKeySetTests
{
    [Fact]
    public void From_JwksWithSymmetricKey_KeepsOnlyAsymmetricKeys()
    {
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var configuration = new OpenIdConnectConfiguration { Issuer = "https://idp.example.com" };
        configuration.SigningKeys.Add(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = "rsa" });
        configuration.SigningKeys.Add(new ECDsaSecurityKey(ecdsa) { KeyId = "ec" });
        configuration.SigningKeys.Add(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "shared-secret" });
        configuration.SigningKeys.Add(new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.Octet, K = Base64UrlEncoder.Encode(new byte[32]), Kid = "oct-jwk" });

        SigningKeySet keys = SigningKeySet.From(configuration);

        Assert.Equal(["rsa", "ec"], keys.Keys.Select(k => k.KeyId));
        Assert.Equal("https://idp.example.com", keys.DeclaredIssuer);
    }

    [Fact]
    public void From_SameConfigurationTwice_ReturnsCachedSet()
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = "https://idp.example.com" };

        Assert.Same(SigningKeySet.From(configuration), SigningKeySet.From(configuration));
    }
}
