using Npgsql;

namespace Warden.Sql.Tests.Corpus;

/// <summary>What PostgreSQL did with one corpus entry.</summary>
/// <param name="ReadOnlyState">SQLSTATE inside a read-only transaction; null when it succeeded.</param>
/// <param name="ReadWriteState">SQLSTATE inside a read-write transaction that is rolled back; null when it succeeded or was not tried.</param>
/// <param name="StatementType">Npgsql's reading of the command tag from the read-write run ("multiple" for several statements).</param>
internal sealed record CorpusOutcome(string? ReadOnlyState, string? ReadWriteState, string? StatementType)
{
    /// <summary>SQLSTATE 25006 read_only_sql_transaction: the statement tried to write.</summary>
    public const string ReadOnlyViolation = "25006";

    public bool Writes => ReadOnlyState == ReadOnlyViolation;

    public bool Conclusive => ReadOnlyState is null or ReadOnlyViolation;
}

/// <summary>
/// Runs corpus entries on one connection: each inside BEGIN READ ONLY ... ROLLBACK (statements that cannot
/// run in a transaction block with default_transaction_read_only on instead), then, for the command tag,
/// inside BEGIN ... ROLLBACK. Session state a statement leaves behind (prepared statements, settings,
/// listeners) is cleared before the next.
/// </summary>
internal sealed class CorpusRunner(string connectionString) : IAsyncDisposable
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        Options = "-c statement_timeout=10000 -c lock_timeout=2000",
        Pooling = false,
    }.ConnectionString;

    private NpgsqlConnection? _connection;

    public async Task<CorpusOutcome> RunAsync(CorpusEntry entry)
    {
        string? readOnly;
        if (entry.Mode == CorpusMode.Autocommit)
        {
            await ExecuteAsync("SET default_transaction_read_only = on");
            (readOnly, _) = await TryRunAsync(entry);
            await ResetSessionAsync();
            return new CorpusOutcome(readOnly, null, null);
        }
        await ExecuteAsync("BEGIN READ ONLY");
        (readOnly, _) = await TryRunAsync(entry);
        await ResetSessionAsync();
        await ExecuteAsync("BEGIN");
        var (readWrite, statementType) = await TryRunAsync(entry);
        await ResetSessionAsync();
        return new CorpusOutcome(readOnly, readWrite, statementType);
    }

    private async Task<(string? State, string? StatementType)> TryRunAsync(CorpusEntry entry)
    {
        try
        {
            var connection = await ConnectionAsync();
            switch (entry.Mode)
            {
                case CorpusMode.CopyIn or CorpusMode.CopyOut:
                    await CopyAsync(connection, entry);
                    return (null, "Copy");
                default:
                    return (null, await RunQueryAsync(connection, entry.Sql));
            }
        }
        catch (PostgresException exception)
        {
            return (exception.SqlState, null);
        }
        catch (Exception exception) when (exception is NpgsqlException or NotSupportedException or InvalidOperationException or ArgumentException or IOException)
        {
            await DropConnectionAsync();
            return ($"client:{exception.GetType().Name}", null);
        }
    }

    /// <summary>COPY through Npgsql's copy API (text or raw binary, as the statement asks); copy-in sends no rows.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, CorpusEntry entry)
    {
        if (entry.Sql.Contains("binary", StringComparison.OrdinalIgnoreCase))
        {
            await using var raw = await connection.BeginRawBinaryCopyAsync(entry.Sql);
            if (entry.Mode == CorpusMode.CopyOut)
            {
                await raw.CopyToAsync(Stream.Null);
            }
        }
        else if (entry.Mode == CorpusMode.CopyOut)
        {
            using var reader = await connection.BeginTextExportAsync(entry.Sql);
            await reader.ReadToEndAsync();
        }
        else
        {
            await using var writer = await connection.BeginTextImportAsync(entry.Sql);
        }
    }

    private static async Task<string> RunQueryAsync(NpgsqlConnection connection, string sql)
    {
        if (SqlAnalyzer.Analyze(sql).Statements.Count > 1)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await DrainAsync(await command.ExecuteReaderAsync());
            return "multiple";
        }
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(sql) } };
        await DrainAsync(await batch.ExecuteReaderAsync());
        return batch.BatchCommands[0].StatementType.ToString();
    }

    private static async Task DrainAsync(NpgsqlDataReader reader)
    {
        await using (reader)
        {
            do
            {
                while (await reader.ReadAsync())
                {
                }
            }
            while (await reader.NextResultAsync());
        }
    }

    private async Task ResetSessionAsync()
    {
        try
        {
            await ExecuteAsync("ROLLBACK; DEALLOCATE ALL; CLOSE ALL; UNLISTEN *; RESET ALL; SELECT pg_advisory_unlock_all()");
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            await DropConnectionAsync();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, await ConnectionAsync());
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }
        await DropConnectionAsync();
        _connection = new NpgsqlConnection(_connectionString);
        await _connection.OpenAsync();
        return _connection;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync();
}
