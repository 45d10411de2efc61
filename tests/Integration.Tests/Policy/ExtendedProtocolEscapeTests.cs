using System.Globalization;
using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Integration.Tests.Policy.Support;

namespace Warden.Integration.Tests.Policy;

/// <summary>
/// The same escapes through the extended protocol, as Npgsql sends every command (Parse/Bind/Execute/Sync):
/// plain commands, parameterized commands, prepared statements, batches and COPY. Each must be refused at
/// its Parse with 42501 naming the rule; statements sharing a batch's implicit transaction are rolled back
/// with it; and nothing changes. Look-alikes with SQL in parameter values run.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class ExtendedProtocolEscapeTests(WardenCluster cluster)
{
    private static readonly string[] Subset =
    [
        "delete", "update", "cte delete", "cte nested in cte", "select into", "create table as",
        "explain analyze delete", "explain (analyze true) delete", "explain (\"analyze\") advisory lock",
        "prepare delete", "do block", "call",
        "set_config read-only off", "set read-only off", "set session characteristics read write", "begin read write",
        "set role postgres", "set session authorization", "reset role", "set_config role",
        "copy to program", "copy to server file", "pg_read_file", "lo_import", "dblink_exec (no extension)",
        "nextval", "pg_advisory_lock", "notify", "lock table", "vacuum table", "grant", "create role", "alter system",
        "block comment before", "line comment before", "unicode function name", "quoted schema-qualified set_config",
    ];

    /// <summary>A subset of <see cref="ReadOnlyRuleEscapeTests.Escapes"/> (single statements: Parse takes one).</summary>
    public static TheoryData<string, string> Escapes() => ReadOnlyRuleEscapeTests.EscapesNamed(Subset);

    [Theory]
    [MemberData(nameof(Escapes))]
    public Task Command_RefusedAtParseAndNothingChanged(string name, string sql)
    {
        _ = name;
        return Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Ci, sql, Expected.NotAllowed, async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Parameters as name=value pairs separated by ';' (integers become int parameters, everything else text); "$1=..." makes them positional.</summary>
    public static TheoryData<string, string, string> Parameterized => new()
    {
        { "delete by id", "DELETE FROM customers WHERE id = @id", "id=1" },
        { "update by parameters", "UPDATE customers SET name = @name WHERE id = @id", "name=escaped;id=1" },
        { "cte delete by id", "WITH gone AS (DELETE FROM customers WHERE id = @id RETURNING id) SELECT count(*) FROM gone", "id=1" },
        { "positional delete", "DELETE FROM customers WHERE id = $1", "$1=1" },
        { "set_config with name and value as parameters", "SELECT set_config(@name, @value, false)", "name=default_transaction_read_only;value=off" },
        { "set_config read-only with value as parameter", "SELECT set_config('default_transaction_read_only', @value, false)", "value=off" },
        { "set_config role with value as parameter", "SELECT set_config('role', @role, false)", "role=postgres" },
        { "pg_read_file of a parameter", "SELECT pg_read_file(@path)", "path=/etc/passwd" },
        { "lo_import of a parameter", "SELECT lo_import(@path)", "path=/etc/passwd" },
        { "nextval of a parameter", "SELECT nextval(@sequence::regclass)", "sequence=customers_id_seq" },
        { "advisory lock on a parameter", "SELECT pg_advisory_lock(@key)", "key=4242" },
        { "explain analyze delete by id", "EXPLAIN ANALYZE DELETE FROM customers WHERE id = @id", "id=1" },
    };

    [Theory]
    [MemberData(nameof(Parameterized))]
    public Task ParameterizedCommand_RefusedAndNothingChanged(string name, string sql, string parameters)
    {
        _ = name;
        return Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Ci, $"{sql} [{parameters}]", Expected.NotAllowed, async connection =>
        {
            await using var command = Command(sql, parameters, connection);
            await command.ExecuteNonQueryAsync();
        });
    }

    [Theory]
    [MemberData(nameof(Parameterized))]
    public Task PreparedStatement_RefusedAtPrepareAndNothingChanged(string name, string sql, string parameters)
    {
        _ = name;
        return Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Ci, $"[prepared] {sql} [{parameters}]", Expected.NotAllowed, async connection =>
        {
            await using var command = Command(sql, parameters, connection);
            await command.PrepareAsync();
            await command.ExecuteNonQueryAsync();
        });
    }

    [Fact]
    public Task Batch_ReadOnlyRule_MarkerThenDelete_ErrorAtDeleteAndMarkerRolledBack() =>
        Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Ci, "[batch] set_config marker; DELETE; SELECT 3", Expected.NotAllowed, async connection =>
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand($"SELECT set_config('application_name', '{DatabaseProbe.SessionMarker}', false)"),
                    new NpgsqlBatchCommand("DELETE FROM customers WHERE id = 1"),
                    new NpgsqlBatchCommand("SELECT 3"),
                },
            };
            await using var reader = await batch.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync()); // the first statement's result arrives; the error is the second's
            await reader.NextResultAsync();
        });

    [Theory]
    [InlineData("update then drop", "DROP TABLE customers")]
    [InlineData("update then delete without where", "DELETE FROM customers")]
    [InlineData("update then truncate", "TRUNCATE customers")]
    [InlineData("update then grant", "GRANT SELECT ON customers TO PUBLIC")]
    public Task Batch_WriterRule_AllowedUpdateThenNeedsApproval_UpdateRolledBack(string name, string second)
    {
        _ = name;
        return Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Agents, $"[batch] UPDATE ... WHERE id = 990; {second}", Expected.ApprovalRequired, async connection =>
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("UPDATE customers SET name = 'warden-agent-batch' WHERE id = 990"),
                    new NpgsqlBatchCommand(second),
                },
            };
            await batch.ExecuteNonQueryAsync();
        });
    }

    [Fact]
    public Task Batch_WriterRule_AllowedUpdateThenSetRole_DeniedAndUpdateRolledBack() =>
        Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Agents, "[batch] UPDATE ... WHERE id = 990; SET ROLE postgres", Expected.DeniedAdmin, async connection =>
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("UPDATE customers SET name = 'warden-agent-batch' WHERE id = 990"),
                    new NpgsqlBatchCommand("SET ROLE postgres"),
                },
            };
            await batch.ExecuteNonQueryAsync();
        });

    [Fact]
    public Task MultiStatementCommand_SplitByNpgsql_WriteRefused() =>
        Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Ci, "[Npgsql-split] SELECT 1; DELETE FROM customers WHERE id = 1", Expected.NotAllowed, async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT 1; DELETE FROM customers WHERE id = 1", connection);
            await command.ExecuteNonQueryAsync();
        });

    [Fact]
    public Task CopyIn_ReadOnlyRule_Refused() =>
        Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Ci, "COPY customers (name, email, ssn, card_number) FROM STDIN", Expected.NotAllowed, async connection =>
        {
            await using var writer = await connection.BeginTextImportAsync("COPY customers (name, email, ssn, card_number) FROM STDIN");
            await writer.WriteLineAsync("x\tx@example.invalid\t999-00-0000\t4111111111111111");
        });

    [Fact]
    public Task CopyToProgram_WriterRule_DeniedAsAdmin() =>
        Refusal.AssertNpgsqlRefusedAsync(cluster, EdgeTokens.Agents, "COPY customers TO PROGRAM", Expected.DeniedAdmin, async connection =>
        {
            await using var command = new NpgsqlCommand($"COPY customers TO PROGRAM 'cat > {DatabaseProbe.FilePrefix}npgsql-program'", connection);
            await command.ExecuteNonQueryAsync();
        });

    [Fact]
    public async Task PreparedRead_ExecutedRepeatedly_Allowed()
    {
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var connection = await EdgeTokens.OpenNpgsqlAsync(cluster, EdgeTokens.Ci);
        await using var command = new NpgsqlCommand("SELECT id FROM customers WHERE id = @id", connection);
        var id = new NpgsqlParameter<int>("id", 0);
        command.Parameters.Add(id);
        await command.PrepareAsync();
        foreach (var value in new[] { 1, 2, 3 })
        {
            id.TypedValue = value;
            Assert.Equal(value, await command.ExecuteScalarAsync());
        }
        await probe.AssertUnchangedAsync("a prepared read");
    }

    [Theory]
    [InlineData("statement as a parameter value", "SELECT @p", "DELETE FROM customers; DROP TABLE customers")]
    [InlineData("injection as a parameter value", "SELECT count(*)::text FROM customers WHERE name = @p", "x'; DROP TABLE customers; --")]
    public async Task LookAlike_SqlInParameterValue_Allowed(string name, string sql, string value)
    {
        _ = name;
        await using var probe = await DatabaseProbe.StartAsync(cluster);
        await using var connection = await EdgeTokens.OpenNpgsqlAsync(cluster, EdgeTokens.Ci);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new("p", value) } };
        var result = (string?)await command.ExecuteScalarAsync();
        Assert.Equal(sql.Contains("count", StringComparison.Ordinal) ? "0" : value, result);
        await probe.AssertUnchangedAsync(sql);
    }

    [Fact]
    public async Task LookAlike_CopyOut_ReadOnlyRule_Allowed()
    {
        await using var connection = await EdgeTokens.OpenNpgsqlAsync(cluster, EdgeTokens.Ci);
        using var reader = await connection.BeginTextExportAsync("COPY (SELECT id FROM customers WHERE id <= 3 ORDER BY id) TO STDOUT");
        Assert.Equal("1\n2\n3\n", await reader.ReadToEndAsync());
    }

    private static NpgsqlCommand Command(string sql, string parameters, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var pair in parameters.Split(';'))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            object typed = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : value;
            command.Parameters.Add(name.StartsWith('$') ? new NpgsqlParameter { Value = typed } : new NpgsqlParameter(name, typed));
        }
        return command;
    }
}
