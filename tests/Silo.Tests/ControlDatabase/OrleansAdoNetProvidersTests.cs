using Npgsql;
using Warden.Silo.ControlDatabase;

namespace Warden.Silo.Tests.ControlDatabase;

/// <summary>The real Orleans ADO.NET providers (clustering, grain storage, reminders) on our migrations.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansAdoNetProvidersTests(PostgresFixture fixture)
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Clustering_SiloAndClientJoinThroughControlDatabase_ClientCallsGrain()
    {
        var connectionString = await MigratedDatabaseAsync("orleans_cluster");
        string clusterId;
        await using (var cluster = await AdoNetTestCluster.StartAsync(connectionString, Timeout()))
        {
            clusterId = cluster.ClusterId;
            Assert.Equal("k1:hello", await cluster.Client.GetGrain<IEchoGrain>("k1").EchoAsync("hello"));

            var silo = Assert.Single(await QueryAsync(connectionString, "SELECT status, proxy_port FROM orleans_membership WHERE deployment_id = @p", clusterId));
            Assert.Equal(Active, silo[0]);
            Assert.True((int)silo[1] > 0, "the silo should advertise its gateway port");
        }

        // A graceful shutdown goes through UpdateMembershipKey.
        var after = Assert.Single(await QueryAsync(connectionString, "SELECT status FROM orleans_membership WHERE deployment_id = @p", clusterId));
        Assert.Equal(Dead, after[0]);
    }

    [Fact]
    public async Task GrainStorage_WriteDeactivateReadClear_RoundTripsThroughControlDatabase()
    {
        var connectionString = await MigratedDatabaseAsync("orleans_storage");
        await using var cluster = await AdoNetTestCluster.StartAsync(connectionString, Timeout());
        var counter = cluster.Client.GetGrain<ICounterGrain>(42);

        Assert.Equal(1, await counter.IncrementAsync());
        Assert.Equal(2, await counter.IncrementAsync());
        await counter.DeactivateAsync();

        Assert.Equal(2, await counter.GetAsync()); // a new activation read it back
        var row = Assert.Single(await QueryAsync(connectionString, "SELECT version, payload_binary IS NOT NULL FROM orleans_grain_state WHERE service_id = @p", "warden-tests"));
        Assert.Equal(2, row[0]);
        Assert.Equal(true, row[1]);

        await counter.ClearAsync();
        await counter.DeactivateAsync();
        Assert.Equal(0, await counter.GetAsync());
        Assert.Equal(1, await counter.IncrementAsync()); // a fresh state, written over the cleared row

        // Writes 1 and 2, the clear 3, the last write 4: the version never goes back.
        Assert.Equal(4, Assert.Single(await QueryAsync(connectionString, "SELECT version FROM orleans_grain_state WHERE service_id = @p", "warden-tests"))[0]);
    }

    [Fact]
    public async Task Reminders_RegisterAndUnregister_AreKeptInControlDatabase()
    {
        var connectionString = await MigratedDatabaseAsync("orleans_reminders");
        await using var cluster = await AdoNetTestCluster.StartAsync(connectionString, Timeout());
        var probe = cluster.Client.GetGrain<IReminderProbeGrain>("probe");

        await probe.RegisterAsync("first");
        await probe.RegisterAsync("second");
        await probe.RegisterAsync("second"); // an update bumps the version
        Assert.Equal(["first", "second"], await probe.GetReminderNamesAsync());
        Assert.Equal(2, (await QueryAsync(connectionString, "SELECT 1 FROM orleans_reminders WHERE service_id = @p", "warden-tests")).Count);

        await probe.UnregisterAsync("first");

        Assert.Equal(["second"], await probe.GetReminderNamesAsync());
        var remaining = Assert.Single(await QueryAsync(connectionString, "SELECT reminder_name, version FROM orleans_reminders WHERE service_id = @p", "warden-tests"));
        Assert.Equal("second", remaining[0]);
        Assert.Equal(1, remaining[1]);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    private async Task<string> MigratedDatabaseAsync(string prefix)
    {
        var connectionString = await fixture.CreateDatabaseAsync(prefix);
        await new ControlDatabaseMigrator().MigrateAsync(connectionString);
        return connectionString;
    }

    private static async Task<List<object[]>> QueryAsync(string connectionString, string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
