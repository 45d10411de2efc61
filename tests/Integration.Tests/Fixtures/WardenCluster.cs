using Npgsql;
using Warden.Policy.Demo;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>
/// One Warden cluster for a test collection: a throwaway PostgreSQL holding the demo target and the
/// control database, and a silo (ADO.NET clustering on the control database) co-hosting an edge and the
/// development OIDC issuer, which tests call over HTTP for tokens.
/// </summary>
public sealed class WardenCluster : IAsyncLifetime
{
    private ThrowawayPostgres? _server;
    private InProcessSilo? _silo;

    public int EdgePort => Silo.EdgePort;
    public int ApiPort => Silo.ApiPort;

    internal ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("not started");
    internal DemoSeedResult Seed { get; private set; } = null!;
    public HttpClient Api => Silo.Api;

    /// <summary>The policy the cluster started with (the demo policy, holding the throwaway server's passwords).</summary>
    public string PolicyYaml { get; private set; } = null!;

    public string ControlConnectionString => Server.ConnectionString(Seed.ControlDatabase);

    /// <summary>Superuser connection straight to the demo database, bypassing Warden, to check what really happened.</summary>
    public string DirectConnectionString => Server.ConnectionString(Seed.TargetDatabase);

    internal InProcessSilo Silo => _silo ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await ThrowawayPostgres.StartAsync();
        Seed = await DemoDatabase.SeedAsync(_server);
        PolicyYaml = DemoPolicy.Create(Seed.Host, Seed.Port, Seed.Reader.Password, Seed.Writer.Password);
        _silo = await InProcessSilo.StartAsync(PolicyYaml, ControlConnectionString);
    }

    /// <summary>A fresh token from the development issuer, fetched over HTTP like any client would.</summary>
    public Task<string> TokenAsync(string subject, params string[] groups) => Silo.TokenAsync(subject, groups);

    public string EdgeConnectionString(string token, string database = "demo", string sslMode = "Disable") =>
        Silo.EdgeConnectionString(token, database, sslMode);

    /// <summary>Runs <paramref name="sql"/> straight on the demo database, bypassing Warden, and returns the first value.</summary>
    public async Task<T> ScalarDirectAsync<T>(string sql, params object[] parameters)
    {
        await using var direct = new NpgsqlConnection(DirectConnectionString);
        await direct.OpenAsync();
        await using var command = new NpgsqlCommand(sql, direct);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs <paramref name="sql"/> straight on the demo database (cleanup after a test).</summary>
    public async Task ExecuteDirectAsync(string sql)
    {
        await using var direct = new NpgsqlConnection(DirectConnectionString);
        await direct.OpenAsync();
        await using var command = new NpgsqlCommand(sql, direct);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<NpgsqlConnection> OpenAsync(string subject, params string[] groups)
    {
        var connection = new NpgsqlConnection(EdgeConnectionString(await TokenAsync(subject, groups)));
        await connection.OpenAsync();
        return connection;
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
    }
}

[CollectionDefinition(Name)]
public sealed class WardenClusterCollection : ICollectionFixture<WardenCluster>
{
    public const string Name = "warden cluster";
}
