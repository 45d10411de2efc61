namespace Warden.Silo.LocalPostgres;

/// <summary>How a <see cref="ThrowawayPostgres"/> server is located, configured and started.</summary>
internal sealed record ThrowawayPostgresOptions
{
    /// <summary>Environment variable naming the directory that holds initdb, pg_ctl and postgres.</summary>
    public const string BinDirectoryVariable = "WARDEN_PG_BINDIR";

    /// <summary>
    /// Directory holding the server binaries. Null: <see cref="BinDirectoryVariable"/>, then the highest
    /// /usr/lib/postgresql/&lt;major&gt;/bin, then <c>pg_config --bindir</c>, then PATH.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>Parent of the temporary directory; null uses the system temp directory.</summary>
    public string? ParentDirectory { get; init; }

    public string SuperuserName { get; init; } = "postgres";

    /// <summary>
    /// Method for TCP connections not matched by <see cref="ExtraHbaRules"/>. SCRAM by default so that
    /// clients (and the gateway) exercise a real SCRAM exchange.
    /// </summary>
    public PgAuthMethod DefaultHostAuthMethod { get; init; } = PgAuthMethod.ScramSha256;

    /// <summary>pg_hba.conf lines placed before the default rule, so they win for the users they name.</summary>
    public IReadOnlyList<PgHbaRule> ExtraHbaRules { get; init; } = [];

    /// <summary>Extra postgresql.conf settings (name → value, already quoted where PostgreSQL needs it).</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>();

    public int MaxConnections { get; init; } = 200;

    /// <summary>Bound on initdb, start and the readiness poll together.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>Client authentication methods a throwaway server may require for TCP connections.</summary>
internal enum PgAuthMethod
{
    ScramSha256,
    Md5,

    /// <summary>Cleartext password (<c>password</c> in pg_hba.conf).</summary>
    Password,
    Trust,
}

/// <summary>How a role's password is stored, which decides what an <c>md5</c> hba line really asks for.</summary>
internal enum PgPasswordStorage
{
    ScramSha256,

    /// <summary>
    /// An MD5 hash: the only storage with which an <c>md5</c> hba line performs MD5 (with a SCRAM
    /// verifier the server silently upgrades to SCRAM).
    /// </summary>
    Md5,
}

/// <summary>One <c>host</c> line of pg_hba.conf for the loopback address.</summary>
internal sealed record PgHbaRule(string Database, string User, PgAuthMethod Method)
{
    internal string ToHbaLine(string address) =>
        $"host    {Database,-12} {User,-16} {address,-16} {Method.ToHbaKeyword()}";
}

internal static class PgAuthMethodExtensions
{
    internal static string ToHbaKeyword(this PgAuthMethod method) => method switch
    {
        PgAuthMethod.ScramSha256 => "scram-sha-256",
        PgAuthMethod.Md5 => "md5",
        PgAuthMethod.Password => "password",
        PgAuthMethod.Trust => "trust",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
