using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Edge;

/// <summary>
/// Denied statements end as 42501 where PostgreSQL itself would have failed them: the session goes on,
/// a transaction is aborted, a pipeline skips to Sync, and the database is unchanged.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class StatementCheckTests(WardenCluster cluster)
{
    [Fact]
    public async Task Delete_ReadOnlyRule_Denied42501AndSessionContinues()
    {
        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        await using var delete = new NpgsqlCommand("DELETE FROM customers WHERE id = 1", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.Equal("42501", error.SqlState);
        Assert.Contains("ci-read", error.MessageText);
        await using var select = new NpgsqlCommand("SELECT count(*) FROM customers WHERE id = 1", connection);
        Assert.Equal(1L, await select.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Denied_InsideTransaction_AbortsItLikePostgres()
    {
        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        await using var tx = await connection.BeginTransactionAsync();
        await using (var ok = new NpgsqlCommand("SELECT 1", connection, tx))
        {
            await ok.ExecuteScalarAsync();
        }
        await using (var denied = new NpgsqlCommand("UPDATE customers SET name = 'x' WHERE id = 2", connection, tx))
        {
            Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => denied.ExecuteNonQueryAsync())).SqlState);
        }
        await using (var after = new NpgsqlCommand("SELECT 1", connection, tx))
        {
            Assert.Equal("25P02", (await Assert.ThrowsAsync<PostgresException>(() => after.ExecuteScalarAsync())).SqlState);
        }
        await tx.RollbackAsync();
        await using var fresh = new NpgsqlCommand("SELECT 2", connection);
        Assert.Equal(2, await fresh.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Pipeline_DeniedMiddleStatement_ErrorsThereAndSkipsRest()
    {
        await using var connection = await cluster.OpenAsync("ci-bot", "ci");
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT 1"),
                new NpgsqlBatchCommand("DELETE FROM customers WHERE id = 3"),
                new NpgsqlBatchCommand("SELECT 3"),
            },
        };
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            // The first statement's result arrives; the error lands on the second; the third never runs.
            Assert.True(await reader.ReadAsync());
            Assert.Equal(1, reader.GetInt32(0));
            var error = await Assert.ThrowsAsync<PostgresException>(() => reader.NextResultAsync());
            Assert.Equal("42501", error.SqlState);
        }
        await using var after = new NpgsqlCommand("SELECT count(*) FROM customers WHERE id = 3", connection);
        Assert.Equal(1L, await after.ExecuteScalarAsync());
    }

    [Fact]
    public async Task SimpleQuery_SeveralStatementsOneDenied_NoneRun()
    {
        await using var connection = await cluster.OpenAsync("agent-9", "agents");
        // Written as one simple Query: agents may write, but DROP needs approval, so nothing may run.
        await using var command = new NpgsqlCommand("UPDATE customers SET name = 'changed' WHERE id = 4; DROP TABLE customers", connection);
        var before = await NameOf(4);
        Assert.Equal("42501", (await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).SqlState);
        Assert.Equal(before, await NameOf(4));
    }

    [Fact]
    public async Task FunctionCall_RuleWithoutAdmin_Denied42501AndSessionContinues()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        await client.LoginAsync(await cluster.TokenAsync("ci-bot", "ci"));
        // FunctionCall for pg_backend_pid() (OID 2026): no argument formats, no arguments, text result.
        byte[] payload = [0, 0, 0x07, 0xEA, 0, 0, 0, 0, 0, 0];
        await client.SendAsync([(byte)'F', 0, 0, 0, (byte)(payload.Length + 4), .. payload]);
        var replies = await client.ReadUntilAsync(Warden.Protocol.Messages.BackendMessageType.ReadyForQuery);
        var error = Warden.Protocol.Messages.ErrorResponse.Parse(new System.Buffers.ReadOnlySequence<byte>(replies[0].Payload));
        Assert.Equal("42501", error.SqlState);
        Assert.Contains("admin", error.Message);
        await client.SendAsync(w => Warden.Protocol.Messages.QueryMessage.Write(w, "SELECT 1"));
        var after = await client.ReadUntilAsync(Warden.Protocol.Messages.BackendMessageType.ReadyForQuery);
        Assert.Contains(after, m => m.Type == (byte)'D');
    }

    [Fact]
    public async Task NoMatchingRule_Connection_Refused28000()
    {
        var token = await cluster.TokenAsync("stranger", "nobody");
        await using var connection = new NpgsqlConnection(cluster.EdgeConnectionString(token));
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("28000", error.SqlState);
    }

    [Fact]
    public async Task GarbageToken_Connection_Refused28P01()
    {
        await using var connection = new NpgsqlConnection(cluster.EdgeConnectionString("not-a-token"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("28P01", error.SqlState);
    }

    [Fact]
    public async Task StartupOptions_SetRole_Refused()
    {
        var token = await cluster.TokenAsync("ci-bot", "ci");
        var builder = new NpgsqlConnectionStringBuilder(cluster.EdgeConnectionString(token)) { Options = "-c role=postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("42501", error.SqlState);
    }

    [Fact]
    public async Task StartupOptions_SearchPath_Applied()
    {
        var token = await cluster.TokenAsync("ci-bot", "ci");
        var builder = new NpgsqlConnectionStringBuilder(cluster.EdgeConnectionString(token)) { Options = "-c search_path=pg_catalog,public" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW search_path", connection);
        Assert.Equal("pg_catalog,public", await show.ExecuteScalarAsync());
    }

    private Task<string> NameOf(int id) => cluster.ScalarDirectAsync<string>($"SELECT name FROM customers WHERE id = {id}");
}
