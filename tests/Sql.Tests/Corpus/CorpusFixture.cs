using Npgsql;

namespace Warden.Sql.Tests.Corpus;

/// <summary>
/// A scratch database with the fixture schema the corpus statements refer to, created on the server
/// named by WARDEN_TEST_PG and dropped afterwards.
/// </summary>
internal sealed class CorpusFixture : IAsyncDisposable
{
    public const string RoleName = "warden_corpus_nobody";

    private static readonly string[] TableNames = ["customers", "orders", "billing.invoices", "\"Order Items\""];

    private const string SchemaSql = """
        CREATE SCHEMA app;
        CREATE SCHEMA billing;
        CREATE SEQUENCE app.seq;
        CREATE TABLE audit_log (at timestamptz DEFAULT now());
        CREATE FUNCTION app.plain_reader(i int) RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'r' || i $$;
        CREATE FUNCTION app.bump_counter() RETURNS bigint LANGUAGE sql AS $$ SELECT nextval('app.seq') $$;
        CREATE PROCEDURE app.touch_audit() LANGUAGE sql AS $$ INSERT INTO audit_log DEFAULT VALUES $$;
        CREATE PROCEDURE app.noop() LANGUAGE sql AS $$ SELECT 1 $$;
        """;

    private readonly string _adminConnectionString;

    private CorpusFixture(string adminConnectionString, string databaseName, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        DatabaseName = databaseName;
        ConnectionString = connectionString;
    }

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    public static async Task<CorpusFixture> CreateAsync(string connectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        admin.Database ??= "postgres";
        var name = $"warden_sql_corpus_{Environment.ProcessId}_{Random.Shared.Next(100000)}";
        await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {name}");
        await ExecuteAsync(admin.ConnectionString,
            $"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RoleName}') THEN CREATE ROLE {RoleName}; END IF; END$$");
        var scratch = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, CommandTimeout = 30 };
        var fixture = new CorpusFixture(admin.ConnectionString, name, scratch.ConnectionString);
        await ExecuteAsync(scratch.ConnectionString, SchemaSql + TablesSql());
        return fixture;
    }

    private static string TablesSql() => string.Concat(TableNames.Select(table => $"""
        CREATE TABLE {table} (id int PRIMARY KEY, name text, amount numeric DEFAULT 0, note text DEFAULT 'n', created_at timestamptz DEFAULT now());
        INSERT INTO {table} SELECT g, 'name ' || g, g * 10, NULL, now() FROM generate_series(1, 20) g;
        """)) + """
        CREATE VIEW app.v AS SELECT id, name FROM customers;
        CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM customers;
        """;

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)");
        await ExecuteAsync(_adminConnectionString, $"DROP ROLE IF EXISTS {RoleName}");
    }
}
