using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Warden.Edge.Hosting;

namespace Warden.Edge.Connections;

/// <summary>The certificate the edge presents to clients: configured PEM files, or a self-signed one in development.</summary>
internal sealed class EdgeCertificate
{
    public EdgeCertificate(IOptions<EdgeOptions> options)
    {
        var o = options.Value;
        if (o.TlsCertificatePath is not null)
        {
            using var pem = X509Certificate2.CreateFromPemFile(o.TlsCertificatePath, o.TlsKeyPath);
            // Re-import so the private key is usable by SslStream on every platform.
            Certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        else if (o.SelfSignedCertificate)
        {
            Certificate = CreateSelfSigned();
        }
    }

    /// <summary>Null when TLS is not configured: SSLRequest is then answered 'N'.</summary>
    public X509Certificate2? Certificate { get; }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=warden-dev-edge", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
