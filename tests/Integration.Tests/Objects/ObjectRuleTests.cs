using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Objects;

/// <summary>
/// Issue 5 end to end, through a real edge with Npgsql and psql: rule "object-agents" may read and write
/// everywhere except that billing.* is never written or altered, scratch.* takes DDL freely, hr.* needs approval
/// to read and "Ledger".* (quoted, exact case) is never written. Every refused statement is checked against the
/// database directly: the tables are unchanged.
/// </summary>
[Collection(ObjectsClusterCollection.Name)]
public sealed class ObjectRuleTests(ObjectsCluster cluster) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => cluster.ExecuteDirectAsync(ObjectsCluster.ResetSql);

    public static TheoryData<string, string, string, string> AllowedWrites => new()
    {
        { "qualified insert", "INSERT INTO public.orders VALUES (10, 'ten')", "SELECT count(*) FROM public.orders WHERE id = 10", "1" },
        { "unqualified insert on the startup path", "INSERT INTO orders VALUES (11, 'eleven')", "SELECT count(*) FROM public.orders WHERE id = 11", "1" },
        { "insert select reading billing", "INSERT INTO public.orders SELECT id + 100, 'copied' FROM billing.invoices", "SELECT count(*) FROM public.orders WHERE note = 'copied'", "2" },
        { "cte write to public", "WITH x AS (INSERT INTO public.orders VALUES (12, 'cte') RETURNING id) SELECT count(*) FROM x", "SELECT count(*) FROM public.orders WHERE id = 12", "1" },
        { "lower-case ledger is another schema", "INSERT INTO ledger.entries VALUES (1)", "SELECT count(*) FROM ledger.entries", "1" },
        { "ddl in scratch", "CREATE TABLE scratch.fresh (id int)", "SELECT count(*) FROM pg_tables WHERE schemaname = 'scratch' AND tablename = 'fresh'", "1" },
        { "truncate two scratch tables", "TRUNCATE scratch.t1, scratch.t2", "SELECT (SELECT count(*) FROM scratch.t1) + (SELECT count(*) FROM scratch.t2)", "0" },
        { "drop two scratch tables", "DROP TABLE scratch.t1, scratch.t2", "SELECT count(*) FROM pg_tables WHERE schemaname = 'scratch'", "0" },
    };

    public static TheoryData<string, string, string, string> DeniedWrites => new()
    {
        { "qualified insert", "INSERT INTO billing.invoices VALUES (10, 1)", "write", "billing.invoices" },
        { "update", "UPDATE billing.invoices SET amount = 0 WHERE id = 1", "write", "billing.invoices" },
        { "upper-case unquoted", "INSERT INTO BILLING.INVOICES VALUES (10, 1)", "write", "billing.invoices" },
        { "quoted lower case", "INSERT INTO \"billing\".\"invoices\" VALUES (10, 1)", "write", "billing.invoices" },
        { "mixed case", "insert into Billing.\"invoices\" values (10, 1)", "write", "billing.invoices" },
        { "quoted exact-case schema", "INSERT INTO \"Ledger\".entries VALUES (1)", "write", "\"Ledger\".entries" },
        { "cte write", "WITH x AS (INSERT INTO billing.invoices VALUES (10, 1) RETURNING id) SELECT count(*) FROM x", "write", "billing.invoices" },
        { "insert select into billing", "INSERT INTO billing.invoices SELECT id + 100, 1 FROM public.orders", "write", "billing.invoices" },
        { "write through a view", "UPDATE public.invoice_view SET amount = 0", "write", "billing.invoices" },
        { "multi-table truncate", "TRUNCATE scratch.t1, billing.invoices", "write", "billing.invoices" },
        { "multi-table drop", "DROP TABLE scratch.t1, billing.invoices", "ddl", "billing.invoices" },
        { "alter", "ALTER TABLE billing.invoices ADD COLUMN note text", "ddl", "billing.invoices" },
        { "set search_path then unqualified insert, one query", "SET search_path = billing; INSERT INTO invoices VALUES (10, 1)", "write", "billing.invoices" },
        { "set_config then unqualified insert", "SELECT set_config('search_path', 'billing', false); INSERT INTO invoices VALUES (10, 1)", "write", "billing.invoices" },
    };

    [Theory]
    [MemberData(nameof(AllowedWrites))]
    public async Task AllowedWrite_Npgsql_Applied(string name, string sql, string check, string expected)
    {
        _ = name;
        await using var connection = await cluster.OpenAsync();
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal(expected, await cluster.ScalarDirectAsync(check));
    }

    [Theory]
    [MemberData(nameof(DeniedWrites))]
    public async Task DeniedWrite_Npgsql_RefusedNamingRuleRelationClassAndNothingChanged(string name, string sql, string @class, string relation)
    {
        _ = name;
        var before = await cluster.PictureAsync();
        await using var connection = await cluster.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal("42501", error.SqlState);
        Assert.Contains($"rule \"{ObjectsCluster.Rule}\"", error.MessageText, StringComparison.Ordinal);
        Assert.Contains($"\"{@class}\"", error.MessageText, StringComparison.Ordinal);
        Assert.Contains($"relation {relation}", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await cluster.PictureAsync());
    }

    [Fact]
    public async Task DeniedWrite_Message_IsTheDocumentedText()
    {
        await using var connection = await cluster.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO billing.invoices VALUES (10, 1)", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(
            "statement denied by rule \"object-agents\": class \"write\" is denied on relation billing.invoices (objects entry \"billing.*\")",
            error.MessageText);
    }

    [Fact]
    public async Task ReadsInDeniedSchema_StillWork()
    {
        await using var connection = await cluster.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sum(amount) FROM billing.invoices JOIN public.orders USING (id)", connection);

        Assert.Equal(300L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ReadInApprovalSchema_RefusedAsNeedingApproval()
    {
        await using var connection = await cluster.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT * FROM hr.people", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal("42501", error.SqlState);
        Assert.Contains("requires approval", error.MessageText, StringComparison.Ordinal);
        Assert.Contains("relation hr.people (objects entry \"hr.*\")", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchPathTrick_SeparateStatements_Npgsql_Refused()
    {
        var before = await cluster.PictureAsync();
        await using var connection = await cluster.OpenAsync();
        await using (var set = new NpgsqlCommand("SET search_path = billing", connection))
        {
            await set.ExecuteNonQueryAsync();
        }
        await using var insert = new NpgsqlCommand("INSERT INTO invoices VALUES (10, 1)", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());

        Assert.Equal("42501", error.SqlState);
        Assert.Contains("relation billing.invoices", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(before, await cluster.PictureAsync());
    }

    [Fact]
    public async Task SearchPathTrick_Psql_RefusedAndReadStillWorks()
    {
        var before = await cluster.PictureAsync();
        var token = await cluster.TokenAsync();

        var refused = await Psql.RunAsync(cluster.Silo.EdgePort, token, "disable",
            "-c", "SET search_path = billing", "-c", "SELECT count(*) FROM invoices", "-c", "INSERT INTO invoices VALUES (10, 1)");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("2", refused.Output, StringComparison.Ordinal);
        Assert.Contains("42501", refused.Error, StringComparison.Ordinal);
        Assert.Contains("class \"write\" is denied on relation billing.invoices", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cluster.PictureAsync());
    }

    [Fact]
    public async Task Psql_AllowedWriteAndDeniedWrite()
    {
        var token = await cluster.TokenAsync();

        var allowed = await Psql.RunAsync(cluster.Silo.EdgePort, token, "disable", "-c", "INSERT INTO orders VALUES (20, 'psql')");
        var before = await cluster.PictureAsync();
        var denied = await Psql.RunAsync(cluster.Silo.EdgePort, token, "disable", "-c", "DELETE FROM billing.invoices WHERE id = 1");

        Assert.True(allowed.ExitCode == 0, allowed.Error);
        Assert.Equal("1", await cluster.ScalarDirectAsync("SELECT count(*) FROM public.orders WHERE id = 20"));
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("42501", denied.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cluster.PictureAsync());
    }

    [Fact]
    public async Task Evaluate_ReturnsRelationsAndDecidingEntries()
    {
        var response = await cluster.Silo.Api.PostAsJsonAsync("/api/policy/evaluate", new
        {
            sql = "INSERT INTO billing.invoices SELECT id, 1 FROM orders",
            subject = "object-tester",
            groups = new[] { ObjectsCluster.Group },
            target = "demo",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("deny", body.GetProperty("verdict").GetString());
        var relations = body.GetProperty("relations").EnumerateArray().ToDictionary(r => r.GetProperty("relation").GetString()!);
        Assert.Equal("deny", relations["billing.invoices"].GetProperty("verdict").GetString());
        Assert.Equal("billing.*", relations["billing.invoices"].GetProperty("entry").GetString());
        Assert.Equal(["write"], relations["billing.invoices"].GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("allow", relations["orders"].GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, relations["orders"].GetProperty("entry").ValueKind);
        Assert.Contains("public.orders", relations["orders"].GetProperty("candidates").EnumerateArray().Select(c => c.GetString()));
    }
}
