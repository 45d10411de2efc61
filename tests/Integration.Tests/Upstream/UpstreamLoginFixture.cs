using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// A throwaway PostgreSQL set up so that every upstream login path is really taken: TLS on (a self-signed
/// certificate), an <c>md5</c> and a <c>password</c> hba rule for their logins (SCRAM for the rest), and
/// log_connections so the server's log names the method each login used. A silo co-hosting an edge serves the
/// <see cref="UpstreamPolicy"/>: one target per <see cref="UpstreamTarget"/>, all on this server but
/// <see cref="UpstreamTarget.NoTls"/>, which points at a <see cref="PlaintextOnlyPeer"/>.
/// </summary>
public sealed class UpstreamLoginFixture : IAsyncLifetime
{
    internal const string Database = "upstream_target";
    private const string ControlDatabase = "warden_control";

    private ServerCertificateFiles? _certificate;
    private ThrowawayPostgres? _server;
    private InProcessSilo? _silo;

    internal ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("not started");

    internal InProcessSilo Silo => _silo ?? throw new InvalidOperationException("not started");

    /// <summary>Where target <see cref="UpstreamTarget.NoTls"/> points.</summary>
    internal PlaintextOnlyPeer PlaintextOnlyPeer { get; } = PlaintextOnlyPeer.Start();

    /// <summary>The password each login really has on the server (the policy holds a different one for <see cref="UpstreamTarget.WrongPassword"/>).</summary>
    internal Dictionary<UpstreamTarget, string> ServerPasswords { get; } = UpstreamTarget.All.ToDictionary(t => t, _ => GeneratedPassword.Create());

    /// <summary>What the policy holds for <see cref="UpstreamTarget.WrongPassword"/>.</summary>
    internal string WrongPassword { get; } = GeneratedPassword.Create();

    /// <summary>Superuser connection straight to the target database, bypassing Warden.</summary>
    internal string DirectConnectionString => new NpgsqlConnectionStringBuilder(Server.ConnectionString(Database)) { Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        _certificate = await ServerCertificateFiles.CreateAsync();
        _server = await ThrowawayPostgres.StartAsync(new ThrowawayPostgresOptions
        {
            ExtraHbaRules =
            [
                new PgHbaRule("all", UpstreamTarget.Md5.User, PgAuthMethod.Md5),
                new PgHbaRule("all", UpstreamTarget.Cleartext.User, PgAuthMethod.Password),
            ],
            ServerSettings = new Dictionary<string, string>
            {
                ["ssl"] = "on",
                ["ssl_cert_file"] = PgSql.Literal(_certificate.CertificatePath),
                ["ssl_key_file"] = PgSql.Literal(_certificate.KeyPath),
                // PostgreSQL 14+ logs "connection authenticated: identity=... method=..." for each login.
                ["log_connections"] = "on",
            },
        });
        foreach (var (target, password) in ServerPasswords)
        {
            await _server.CreateLoginRoleAsync(target.User, password, target.Storage);
        }
        await _server.CreateDatabaseAsync(Database);
        await _server.CreateDatabaseAsync(ControlDatabase);

        var targets = ServerPasswords
            .Select(p => (p.Key, _server.Port, p.Key == UpstreamTarget.WrongPassword ? WrongPassword : p.Value))
            .Append((UpstreamTarget.NoTls, PlaintextOnlyPeer.Port, GeneratedPassword.Create()));
        var policy = UpstreamPolicy.Create(_server.Host, Database, targets);
        _silo = await InProcessSilo.StartAsync(policy, _server.ConnectionString(ControlDatabase));
    }

    /// <summary>An Npgsql connection string to <paramref name="target"/> through the edge, with a fresh token of group ci.</summary>
    internal async Task<string> EdgeConnectionStringAsync(UpstreamTarget target, string subject = "upstream-probe") =>
        Silo.EdgeConnectionString(await Silo.TokenAsync(subject, UpstreamPolicy.Group), target.Name);

    internal async Task<NpgsqlConnection> OpenAsync(UpstreamTarget target)
    {
        var connection = new NpgsqlConnection(await EdgeConnectionStringAsync(target));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The server's log so far (pg_ctl -l), read while the server keeps writing it.</summary>
    internal async Task<string> ReadServerLogAsync()
    {
        await using var stream = new FileStream(Path.Combine(Server.RootDirectory, "server.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Waits until the server's log contains <paramref name="fragment"/>; the log as read then.</summary>
    internal async Task<string> WaitForServerLogAsync(string fragment)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var log = await ReadServerLogAsync();
        while (!log.Contains(fragment, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server log never said: {fragment}");
            await Task.Delay(50);
            log = await ReadServerLogAsync();
        }
        return log;
    }

    /// <summary>Runs <paramref name="sql"/> on a direct superuser connection; the first column of each row.</summary>
    internal async Task<List<T>> QueryDirectAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(DirectConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }
        return values;
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _certificate?.Dispose();
        PlaintextOnlyPeer.Dispose();
    }
}

/// <summary>The upstream-login tests share one server and silo, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class UpstreamLoginCollection : ICollectionFixture<UpstreamLoginFixture>
{
    public const string Name = "upstream login";
}
