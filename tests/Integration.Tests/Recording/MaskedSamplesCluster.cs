using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Policy.Demo;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// A cluster recording masked sample rows: the demo target with a free-text <c>notes</c> column (holding an e-mail
/// address, an SSN and a card number in prose), views over <c>customers</c>, an inheritance child holding one more
/// customer (<see cref="Archived"/>), and the demo policy with
/// <c>card_number</c> hashed instead of redacted, a fixed hash key and 3 sample rows per result.
/// </summary>
public sealed class MaskedSamplesCluster : IAsyncLifetime
{
    public const int SampleRows = 3;

    /// <summary>The silo's <c>Warden:Masking:HashKey</c>, so tests can compute what a hashed value must be.</summary>
    public static readonly byte[] HashKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i))];

    /// <summary>Sensitive values inside the notes of customers 1, 2 and 3 (an unmasked column): only detectors can catch them.</summary>
    public static readonly string[] NoteSecrets = ["free.text@example.net", "123-45-6789", "4111 1111 1111 1111"];

    /// <summary>The one row of <c>customers_archive</c>, a child of <c>customers</c>: (email, ssn, card_number).</summary>
    public static readonly (string Email, string Ssn, string Card) Archived = ("archived.person@example.org", "901-23-4567", "4012888888881881");

    private const string SetupSql = """
        ALTER TABLE public.customers ADD COLUMN notes text;
        UPDATE public.customers SET notes = 'reach me at free.text@example.net please' WHERE id = 1;
        UPDATE public.customers SET notes = 'ssn on file: 123-45-6789' WHERE id = 2;
        UPDATE public.customers SET notes = 'card 4111 1111 1111 1111 exp 12/27' WHERE id = 3;
        CREATE VIEW public.customer_contacts AS SELECT id, name, email FROM public.customers;
        CREATE VIEW public.customer_contacts_again AS SELECT email FROM public.customer_contacts;
        CREATE VIEW public.customer_docs AS SELECT id, row_to_json(c) AS doc FROM public.customers c;
        CREATE VIEW public.customer_names AS SELECT id, name FROM public.customers;
        CREATE TABLE public.customers_archive () INHERITS (public.customers);
        INSERT INTO public.customers_archive (id, name, email, ssn, card_number)
            VALUES (5001, 'Archived Person', 'archived.person@example.org', '901-23-4567', '4012888888881881');
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO demo_reader;
        """;

    private ThrowawayPostgres? _server;
    private InProcessSilo? _silo;

    internal InProcessSilo Silo => _silo ?? throw new InvalidOperationException("not started");

    public string PolicyYaml { get; private set; } = null!;

    public string DirectConnectionString => _server!.ConnectionString(DemoDatabase.TargetDatabase);

    public async Task InitializeAsync()
    {
        _server = await ThrowawayPostgres.StartAsync();
        var seed = await DemoDatabase.SeedAsync(_server);
        await using (var direct = new NpgsqlConnection(DirectConnectionString))
        {
            await direct.OpenAsync();
            await using var command = new NpgsqlCommand(SetupSql, direct);
            await command.ExecuteNonQueryAsync();
        }
        var yaml = DemoPolicy.Create(seed.Host, seed.Port, seed.Reader.Password, seed.Writer.Password);
        PolicyYaml = yaml.Replace("public.customers.card_number: redact", "public.customers.card_number: hash", StringComparison.Ordinal);
        Assert.NotEqual(yaml, PolicyYaml);
        _silo = await InProcessSilo.StartAsync(PolicyYaml, _server.ConnectionString(seed.ControlDatabase), new Dictionary<string, string?>
        {
            ["Warden:Masking:HashKey"] = Convert.ToBase64String(HashKey),
            ["Warden:Edge:SampleRows"] = SampleRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public Task<string> TokenAsync(string subject, params string[] groups) => Silo.TokenAsync(subject, groups);

    public async Task<NpgsqlConnection> OpenAsync(string subject, string group = "ci")
    {
        var connection = new NpgsqlConnection(Silo.EdgeConnectionString(await TokenAsync(subject, group), "demo"));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Customers 1..<paramref name="last"/> straight from the database: (id, name, email, ssn, card_number).</summary>
    public async Task<List<(int Id, string Name, string Email, string Ssn, string Card)>> CustomersAsync(int last)
    {
        await using var direct = new NpgsqlConnection(DirectConnectionString);
        await direct.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, name, email, ssn, card_number FROM public.customers WHERE id <= $1 ORDER BY id", direct);
        command.Parameters.AddWithValue(last);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string, string, string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }
        return rows;
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
public sealed class MaskedSamplesClusterCollection : ICollectionFixture<MaskedSamplesCluster>
{
    public const string Name = "masked samples cluster";
}
