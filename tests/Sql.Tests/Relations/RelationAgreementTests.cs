using System.Text.Json;
using Npgsql;
using Warden.Sql.Tests.Corpus;
using Xunit.Abstractions;

namespace Warden.Sql.Tests.Relations;

/// <summary>
/// Checks the relation scan against real PostgreSQL: every table the planner scans or modifies for a
/// statement (EXPLAIN (VERBOSE, FORMAT JSON), whose plan names each relation with its schema) must be in
/// the statement's <see cref="SqlStatement.Relations"/> whenever the list claims to be complete. Runs on the
/// corpus and on join, CTE and DML shapes over extra tables; needs WARDEN_TEST_PG like the corpus check.
/// </summary>
public sealed class RelationAgreementTests(ITestOutputHelper output)
{
    private const string ExtraTablesSql = """
        CREATE TABLE a (id int, x int, y int, n int, p int, q int);
        CREATE TABLE b (id int, x int, y int, a_id int);
        CREATE TABLE c (id int, x int, b_id int);
        CREATE TABLE d (id int);
        CREATE TABLE t (id int, a int, b int, c int, x int);
        CREATE TABLE u (id int, a int, b int);
        CREATE TABLE v (id int, b int);
        CREATE TABLE w (id int);
        CREATE TABLE tree (id int, parent int);
        CREATE SCHEMA "Billing";
        CREATE TABLE "Billing"."Invoices" (id int);
        """;

    private static readonly string[] Shapes =
    [
        "SELECT * FROM a JOIN b ON a.id = b.a_id",
        "SELECT * FROM a NATURAL JOIN b NATURAL LEFT JOIN c",
        "SELECT * FROM a CROSS JOIN b, c",
        "SELECT * FROM a JOIN b JOIN c ON c.x = b.x ON b.y = a.y",
        "SELECT * FROM (a JOIN b ON a.id = b.id) JOIN c ON true",
        "SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.id = a.id) s",
        "SELECT * FROM a CROSS JOIN LATERAL generate_series(1, a.n) g",
        "SELECT * FROM ONLY (t) x",
        "SELECT * FROM t * WHERE true",
        "SELECT (SELECT max(x) FROM a) FROM t WHERE t.id IN (SELECT id FROM v) AND EXISTS (SELECT 1 FROM w)",
        "SELECT 1 FROM t UNION SELECT 2 FROM u INTERSECT ALL SELECT 3 FROM v EXCEPT TABLE w",
        "WITH x AS (SELECT * FROM t) SELECT * FROM x",
        "WITH t AS (SELECT * FROM t) SELECT * FROM t",
        "WITH b AS (SELECT * FROM a), a AS (SELECT 1) SELECT * FROM b",
        "SELECT * FROM (WITH t AS (SELECT 1) SELECT * FROM t) x, t",
        "WITH \"T\" AS (SELECT 1) SELECT * FROM t, \"T\"",
        "SELECT * FROM \"Billing\".\"Invoices\", BILLING.Invoices",
        "SELECT * FROM U&\"bill\\0069ng\".invoices",
        "WITH RECURSIVE s AS (SELECT id FROM tree UNION SELECT t.id FROM tree t JOIN s ON t.parent = s.id) SEARCH DEPTH FIRST BY id SET ord SELECT * FROM s",
        "INSERT INTO t (a) SELECT a FROM u JOIN v ON u.id = v.id",
        "UPDATE t SET a = u.a FROM u JOIN v ON v.id = u.id, w WHERE u.id = t.id",
        "UPDATE t SET (a, b) = (SELECT a, b FROM u WHERE u.id = t.id) WHERE id = 1",
        "DELETE FROM t USING u, v WHERE t.id = u.id AND u.id = v.id",
        "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN UPDATE SET a = u.a WHEN NOT MATCHED THEN INSERT (id, a) VALUES (u.id, u.a)",
        "MERGE INTO t USING a JOIN b ON a.x = b.x ON t.id = a.id WHEN MATCHED THEN DELETE",
        "WITH dd AS (DELETE FROM a RETURNING *) INSERT INTO b (id) SELECT id FROM dd",
        "WITH u2 AS (UPDATE a SET x = 1 WHERE y > 0 RETURNING *), i AS (INSERT INTO b (id) SELECT id FROM u2 RETURNING *) SELECT * FROM i JOIN c ON true",
        "WITH t AS (SELECT 1) DELETE FROM t WHERE id = 1",
        "SELECT * FROM a x(p, q) JOIN b y ON x.p = y.id",
        "SELECT * FROM t TABLESAMPLE SYSTEM (10) REPEATABLE (1)",
        "SELECT * FROM a JOIN b ON CASE WHEN a.x > 0 THEN true END, c",
        "SELECT * FROM t WHERE a IS DISTINCT FROM b AND c IS NOT DISTINCT FROM id",
        "VALUES ((SELECT max(id) FROM d))",
    ];

    [PostgresFact]
    public async Task Explain_RelationsThePlannerTouches_AreAllReported()
    {
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        var checkedStatements = 0;
        var misses = new List<string>();
        await using (var fixture = await CorpusFixture.CreateAsync(connectionString))
        {
            await using var connection = new NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            await using (var setup = new NpgsqlCommand(ExtraTablesSql, connection))
            {
                await setup.ExecuteNonQueryAsync();
            }
            var texts = Shapes.Concat(CorpusFile.Read().Select(e => e.Sql)).Distinct();
            foreach (var statement in texts.SelectMany(text => SqlAnalyzer.Analyze(text).Statements))
            {
                if (!statement.RelationsComplete || statement.Relations.Any(r => r.Relation.Name == "v" && r.Relation.Schema == "app"))
                {
                    continue; // incomplete lists promise nothing; a view is reported by name, the plan shows its tables
                }
                if (await PlannedRelationsAsync(connection, statement.Text) is not { } planned)
                {
                    continue;
                }
                checkedStatements++;
                foreach (var (schema, name) in planned)
                {
                    var reported = statement.Relations.Any(r => r.Relation.Name == name
                        && (r.Relation.Schema == schema || (r.Relation.Schema is null && schema == "public")));
                    if (!reported)
                    {
                        misses.Add($"{statement.Text}: {schema}.{name} not in [{RelationsText.Format(statement.Relations)}]");
                    }
                }
            }
        }
        output.WriteLine($"{checkedStatements} statements compared with their plans");
        Assert.True(checkedStatements >= 500, $"only {checkedStatements} statements could be explained");
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    /// <summary>(schema, name) of every relation in the plan, or null when PostgreSQL cannot explain the statement.</summary>
    private static async Task<List<(string Schema, string Name)>?> PlannedRelationsAsync(NpgsqlConnection connection, string sql)
    {
        await using (var begin = new NpgsqlCommand("BEGIN", connection))
        {
            await begin.ExecuteNonQueryAsync();
        }
        try
        {
            await using var explain = new NpgsqlCommand("EXPLAIN (VERBOSE, FORMAT JSON) " + sql, connection);
            var json = (string?)await explain.ExecuteScalarAsync();
            var relations = new List<(string, string)>();
            using var plan = JsonDocument.Parse(json ?? "[]");
            Collect(plan.RootElement, relations);
            return relations;
        }
        catch (PostgresException)
        {
            return null;
        }
        finally
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync();
        }
    }

    private static void Collect(JsonElement element, List<(string, string)> relations)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, relations);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("Relation Name", out var name) && element.TryGetProperty("Schema", out var schema))
            {
                relations.Add((schema.GetString()!, name.GetString()!));
            }
            foreach (var property in element.EnumerateObject())
            {
                Collect(property.Value, relations);
            }
        }
    }
}
