using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Policy.Demo;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Objects;

/// <summary>
/// A cluster whose demo target also holds schemas billing, scratch, hr, ledger and "Ledger", every table owned
/// by the writer login (so the database itself would let the writer change or drop any of them: a refusal can
/// only be Warden's), and a policy whose first rule, <see cref="Rule"/>, has the objects entries of DESIGN §6.
/// </summary>
public sealed class ObjectsCluster : IAsyncLifetime
{
    public const string Group = "objagents";
    public const string Rule = "object-agents";

    private const string ObjectsRule = """
        access:
          - name: object-agents
            groups: [objagents]
            targets: [demo]
            role: writer
            allow: [read, write, transaction, session]
            approve: [ddl, dcl, destructive]
            deny: [admin]
            objects:
              - match: billing.*
                deny: [write, ddl, destructive]
              - match: scratch.*
                allow: [ddl, destructive]
              - match: hr.*
                approve: [read]
              - match: '"Ledger".*'
                deny: [write]

        """;

    /// <summary>Run by the superuser after every test, so each starts from the same tables.</summary>
    public const string ResetSql = """
        DROP VIEW IF EXISTS public.invoice_view;
        DROP SCHEMA IF EXISTS billing, scratch, hr, ledger, "Ledger" CASCADE;
        DROP TABLE IF EXISTS public.orders;
        CREATE SCHEMA billing AUTHORIZATION demo_writer;
        CREATE SCHEMA scratch AUTHORIZATION demo_writer;
        CREATE SCHEMA hr AUTHORIZATION demo_writer;
        CREATE SCHEMA ledger AUTHORIZATION demo_writer;
        CREATE SCHEMA "Ledger" AUTHORIZATION demo_writer;
        SET ROLE demo_writer;
        CREATE TABLE public.orders (id int PRIMARY KEY, note text);
        INSERT INTO public.orders VALUES (1, 'one'), (2, 'two');
        CREATE TABLE billing.invoices (id int PRIMARY KEY, amount int);
        INSERT INTO billing.invoices VALUES (1, 100), (2, 200);
        CREATE TABLE scratch.t1 (id int);
        CREATE TABLE scratch.t2 (id int);
        INSERT INTO scratch.t1 VALUES (1);
        INSERT INTO scratch.t2 VALUES (2);
        CREATE TABLE hr.people (id int, name text);
        INSERT INTO hr.people VALUES (1, 'ada');
        CREATE TABLE ledger.entries (id int);
        CREATE TABLE "Ledger".entries (id int);
        CREATE VIEW public.invoice_view AS SELECT id, amount FROM billing.invoices;
        RESET ROLE;
        """;

    private ThrowawayPostgres? _server;
    private InProcessSilo? _silo;

    internal InProcessSilo Silo => _silo ?? throw new InvalidOperationException("not started");

    public string DirectConnectionString => _server!.ConnectionString(DemoDatabase.TargetDatabase);

    public async Task InitializeAsync()
    {
        _server = await ThrowawayPostgres.StartAsync();
        var seed = await DemoDatabase.SeedAsync(_server);
        await ExecuteDirectAsync(ResetSql);
        var yaml = DemoPolicy.Create(seed.Host, seed.Port, seed.Reader.Password, seed.Writer.Password);
        yaml = yaml.Replace("access:\n", ObjectsRule, StringComparison.Ordinal);
        _silo = await InProcessSilo.StartAsync(yaml, _server.ConnectionString(seed.ControlDatabase));
    }

    public Task<string> TokenAsync() => Silo.TokenAsync("object-tester", Group);

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Silo.EdgeConnectionString(await TokenAsync(), "demo"));
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteDirectAsync(string sql)
    {
        await using var direct = new NpgsqlConnection(DirectConnectionString);
        await direct.OpenAsync();
        await using var command = new NpgsqlCommand(sql, direct);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<string> ScalarDirectAsync(string sql)
    {
        await using var direct = new NpgsqlConnection(DirectConnectionString);
        await direct.OpenAsync();
        await using var command = new NpgsqlCommand(sql, direct);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Every row of the test schemas, straight from the database: equal before and after means nothing changed.</summary>
    public Task<string> PictureAsync() => ScalarDirectAsync("""
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
          SELECT 'orders ' || o::text AS line FROM public.orders o
          UNION ALL SELECT 'invoices ' || i::text FROM billing.invoices i
          UNION ALL SELECT 't1 ' || t::text FROM scratch.t1 t
          UNION ALL SELECT 't2 ' || t::text FROM scratch.t2 t
          UNION ALL SELECT 'ledger ' || e::text FROM ledger.entries e
          UNION ALL SELECT 'Ledger ' || e::text FROM "Ledger".entries e
          UNION ALL SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relnatts
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('public', 'billing', 'scratch', 'hr', 'ledger', 'Ledger') AND c.relkind IN ('r', 'v')
        ) lines
        """);

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
public sealed class ObjectsClusterCollection : ICollectionFixture<ObjectsCluster>
{
    public const string Name = "objects cluster";
}
