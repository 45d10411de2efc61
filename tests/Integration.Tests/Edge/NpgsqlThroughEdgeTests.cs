using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Edge;

/// <summary>Npgsql through a real edge to a real PostgreSQL: the everyday paths a CI job or agent uses.</summary>
[Collection(WardenClusterCollection.Name)]
public sealed class NpgsqlThroughEdgeTests(WardenCluster cluster)
{
    [Fact]
    public async Task SimpleQuery_ReadOnlyGroup_ReturnsSeededRows()
    {
        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        await using var command = new NpgsqlCommand("SELECT count(*) FROM customers", connection);
        Assert.Equal(1000L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task PreparedStatement_ExecutedRepeatedly_ReturnsEachRow()
    {
        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        await using var command = new NpgsqlCommand("SELECT name FROM customers WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await command.PrepareAsync();
        for (var id = 1; id <= 5; id++)
        {
            command.Parameters[0].Value = id;
            Assert.IsType<string>(await command.ExecuteScalarAsync());
        }
        Assert.True(command.IsPrepared);
    }

    [Fact]
    public async Task Transaction_RollbackThenCommit_OnlyCommittedRowPersists()
    {
        await using var connection = await cluster.OpenAsync("agent-7", "agents");
        var rolledBack = 900_001;
        var committed = 900_002;
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Insert(connection, rolledBack, tx);
            await tx.RollbackAsync();
        }
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await Insert(connection, committed, tx);
            await tx.CommitAsync();
        }
        Assert.Equal(0L, await CountDirect($"id = {rolledBack}"));
        Assert.Equal(1L, await CountDirect($"id = {committed}"));
        await ExecuteDirect($"DELETE FROM customers WHERE id = {committed}");
    }

    [Fact]
    public async Task Copy_InThenOut_RoundTripsRows()
    {
        await using var connection = await cluster.OpenAsync("agent-7", "agents");
        await using (var writer = await connection.BeginTextImportAsync("COPY customers (id, name, email, ssn, card_number) FROM STDIN"))
        {
            for (var id = 910_000; id < 910_050; id++)
            {
                await writer.WriteLineAsync($"{id}\tCopy Person {id}\tcopy{id}@example.com\t900-00-0000\t4000000000000002");
            }
        }
        using (var reader = await connection.BeginTextExportAsync("COPY (SELECT id FROM customers WHERE id >= 910000 ORDER BY id) TO STDOUT"))
        {
            var lines = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line);
            }
            Assert.Equal(50, lines.Count);
            Assert.Equal("910000", lines[0]);
        }
        await ExecuteDirect("DELETE FROM customers WHERE id >= 910000");
    }

    [Fact]
    public async Task Cancel_RunningPgSleep_FailsWithQueryCanceled()
    {
        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        await using var command = new NpgsqlCommand("SELECT pg_sleep(60)", connection);
        var running = command.ExecuteNonQueryAsync();
        await Eventually.TrueAsync(async () => await CountActivity("pg_sleep(60)") > 0, "pg_sleep runs upstream");
        command.Cancel();
        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(() => running);
        Assert.Equal("57014", Assert.IsType<PostgresException>(cancelled.InnerException).SqlState);
        // The session survives a cancel.
        await using var after = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await after.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ListenNotify_AcrossSessions_DeliversPayload()
    {
        await using var listener = await cluster.OpenAsync("agent-listen", "agents");
        await using var notifier = await cluster.OpenAsync("agent-notify", "agents");
        var received = new TaskCompletionSource<string>();
        listener.Notification += (_, e) => received.TrySetResult(e.Payload);
        await using (var listen = new NpgsqlCommand("LISTEN warden_events", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }
        await using (var notify = new NpgsqlCommand("NOTIFY warden_events, 'deployed'", notifier))
        {
            await notify.ExecuteNonQueryAsync();
        }
        await listener.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("deployed", await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Connect_OverTls_IsSecure()
    {
        var token = await cluster.TokenAsync("ci-bot", "ci");
        var builder = new NpgsqlConnectionStringBuilder(cluster.EdgeConnectionString(token, sslMode: "Require"));
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        // SslMode=Require: Npgsql refuses to continue unless the edge really negotiated TLS.
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Connect_DirectTlsWithAlpn_Works()
    {
        // PostgreSQL 17 "sslnegotiation=direct": the first bytes are a TLS ClientHello with ALPN "postgresql".
        var token = await cluster.TokenAsync("ci-bot", "ci");
        var builder = new NpgsqlConnectionStringBuilder(cluster.EdgeConnectionString(token, sslMode: "Require")) { SslNegotiation = SslNegotiation.Direct };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM customers", connection);
        Assert.Equal(1000L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ReadOnlyRule_UpstreamSession_IsReadOnlyAndNamed()
    {
        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        await using var show = new NpgsqlCommand("SHOW default_transaction_read_only", connection);
        Assert.Equal("on", await show.ExecuteScalarAsync());
        Assert.True(await CountActivityByApplication("warden:ci-bot:%") >= 1);
    }

    private static async Task Insert(NpgsqlConnection connection, int id, NpgsqlTransaction tx)
    {
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO customers (id, name, email, ssn, card_number) VALUES ({id}, 'Tx Person', 'tx@example.com', '900-00-0001', '4000000000000002')", connection, tx);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    private Task<long> CountDirect(string where) => cluster.ScalarDirectAsync<long>($"SELECT count(*) FROM customers WHERE {where}");

    private Task ExecuteDirect(string sql) => cluster.ExecuteDirectAsync(sql);

    private Task<long> CountActivity(string queryFragment) => cluster.ScalarDirectAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()", queryFragment);

    private Task<long> CountActivityByApplication(string pattern) =>
        cluster.ScalarDirectAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE $1", pattern);
}
