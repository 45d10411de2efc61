using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// A self-signed certificate and its key as PEM files for a throwaway PostgreSQL's <c>ssl_cert_file</c> and
/// <c>ssl_key_file</c>. The server runs as the <c>postgres</c> user when tests run as root, and refuses a key that
/// group or others can read, so the directory is handed to that user and the key is created 0600.
/// The certificate names 127.0.0.1 and localhost: a verify-full failure against it is about trust, not the name.
/// </summary>
internal sealed class ServerCertificateFiles : IDisposable
{
    private ServerCertificateFiles(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "server.crt");

    public string KeyPath => Path.Combine(Directory, "server.key");

    public static async Task<ServerCertificateFiles> CreateAsync()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("A throwaway PostgreSQL needs Linux or macOS.");
        }
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=warden-upstream-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));

        // Mode 0700, owned by this process's user until handed over.
        var files = new ServerCertificateFiles(System.IO.Directory.CreateTempSubdirectory("warden-pg-tls-").FullName);
        try
        {
            await File.WriteAllTextAsync(files.CertificatePath, certificate.ExportCertificatePem());
            var keyFile = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            };
            await using (var stream = new FileStream(files.KeyPath, keyFile))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(key.ExportPkcs8PrivateKeyPem());
            }
            await new ServerProcessRunner(binDirectory: "", workingDirectory: files.Directory)
                .HandOverToServerUserAsync(files.Directory, CancellationToken.None);
            return files;
        }
        catch
        {
            files.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
