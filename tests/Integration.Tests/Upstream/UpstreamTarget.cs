using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// One target of the upstream-login policy: the dbname clients connect with, the login the gateway holds for it,
/// the policy's <c>tls</c> mode (<see cref="TlsMode"/>), and the method the server's log names for that login (pg_hba.conf decides it).
/// </summary>
internal sealed record UpstreamTarget(string Name, string User, string TlsMode, string LoggedMethod, PgPasswordStorage Storage)
{
    /// <summary>SCRAM-SHA-256 without TLS: the server's default host rule.</summary>
    public static readonly UpstreamTarget Scram = new("scram", "scram_login", "disable", "scram-sha-256", PgPasswordStorage.ScramSha256);

    /// <summary>An <c>md5</c> hba rule and an MD5-stored password: the only combination that really performs MD5.</summary>
    public static readonly UpstreamTarget Md5 = new("md5", "md5_login", "disable", "md5", PgPasswordStorage.Md5);

    /// <summary>A <c>password</c> hba rule: the gateway sends the held password in cleartext.</summary>
    public static readonly UpstreamTarget Cleartext = new("cleartext", "clear_login", "disable", "password", PgPasswordStorage.ScramSha256);

    /// <summary>SCRAM inside TLS, certificate not checked (libpq's sslmode=require).</summary>
    public static readonly UpstreamTarget Tls = new("tls", "tls_login", "require", "scram-sha-256", PgPasswordStorage.ScramSha256);

    /// <summary>verify-full against a self-signed certificate nobody trusts: the edge must refuse.</summary>
    public static readonly UpstreamTarget VerifyFull = new("verifyfull", "verify_login", "verify-full", "scram-sha-256", PgPasswordStorage.ScramSha256);

    /// <summary>The policy holds a password the server does not accept.</summary>
    public static readonly UpstreamTarget WrongPassword = new("wrongpassword", "wrong_login", "disable", "scram-sha-256", PgPasswordStorage.ScramSha256);

    /// <summary>The logins on the throwaway server, one per target.</summary>
    public static readonly IReadOnlyList<UpstreamTarget> All = [Scram, Md5, Cleartext, Tls, VerifyFull, WrongPassword];

    /// <summary>
    /// tls: require against a peer that declines TLS ('N' to SSLRequest, as a server with ssl=off does); it is a
    /// <see cref="PlaintextOnlyPeer"/>, not the throwaway server, so the test can see what the edge does with the socket.
    /// </summary>
    public static readonly UpstreamTarget NoTls = new("notls", "notls_login", "require", "", PgPasswordStorage.ScramSha256);

    public static UpstreamTarget Named(string name) => All.Single(t => t.Name == name);
}
