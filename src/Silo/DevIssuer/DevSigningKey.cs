using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Warden.Silo.DevIssuer;

/// <summary>Which kind of key the development issuer signs with. RSA is the default; EC exercises ES256 paths.</summary>
internal enum DevSigningKeyType
{
    Rsa2048,
    EcdsaP256,
}

/// <summary>One signing key of the development issuer: the private key for minting and its public JWK.</summary>
internal sealed class DevSigningKey : IDisposable
{
    private readonly AsymmetricAlgorithm _algorithm;

    private DevSigningKey(AsymmetricAlgorithm algorithm, SecurityKey key, string signatureAlgorithm, PublicJsonWebKey publicKey)
    {
        _algorithm = algorithm;
        Credentials = new SigningCredentials(key, signatureAlgorithm);
        PublicKey = publicKey;
    }

    public SigningCredentials Credentials { get; }

    public PublicJsonWebKey PublicKey { get; }

    public string KeyId => PublicKey.KeyId;

    public static DevSigningKey Create(DevSigningKeyType type)
    {
        // A random kid per key, so a rotated key is recognisably new to every validator's cache.
        string keyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        return type switch
        {
            DevSigningKeyType.Rsa2048 => CreateRsa(keyId),
            DevSigningKeyType.EcdsaP256 => CreateEcdsa(keyId),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown signing key type."),
        };
    }

    private static DevSigningKey CreateRsa(string keyId)
    {
        var rsa = RSA.Create(2048);
        // Export only the public half (includePrivateParameters: false) for the JWKS.
        RSAParameters publicParameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new PublicJsonWebKey(
            KeyType: "RSA", Use: "sig", KeyId: keyId, Algorithm: SecurityAlgorithms.RsaSha256,
            Modulus: Base64UrlEncoder.Encode(publicParameters.Modulus), Exponent: Base64UrlEncoder.Encode(publicParameters.Exponent),
            Curve: null, X: null, Y: null);
        return new DevSigningKey(rsa, new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256, jwk);
    }

    private static DevSigningKey CreateEcdsa(string keyId)
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters publicParameters = ecdsa.ExportParameters(includePrivateParameters: false);
        var jwk = new PublicJsonWebKey(
            KeyType: "EC", Use: "sig", KeyId: keyId, Algorithm: SecurityAlgorithms.EcdsaSha256,
            Modulus: null, Exponent: null,
            Curve: "P-256", X: Base64UrlEncoder.Encode(publicParameters.Q.X), Y: Base64UrlEncoder.Encode(publicParameters.Q.Y));
        return new DevSigningKey(ecdsa, new ECDsaSecurityKey(ecdsa) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256, jwk);
    }

    public void Dispose() => _algorithm.Dispose();
}
