using System.Text.RegularExpressions;
using Npgsql;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;

namespace Warden.Silo.Tests.Demo;

/// <summary>A server seeded once for these tests (the demo uses fixed database and role names).</summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    internal ThrowawayPostgres Server { get; private set; } = null!;

    internal DemoSeedResult Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ThrowawayPostgres.StartAsync();
        Seed = await DemoDatabase.SeedAsync(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed partial class DemoDatabaseTests(DemoServerFixture fixture) : IClassFixture<DemoServerFixture>
{
    private readonly ThrowawayPostgres _server = fixture.Server;
    private readonly DemoSeedResult _seed = fixture.Seed;

    [Fact]
    public async Task SeedAsync_Customers_AreFakeAndWellFormed()
    {
        var rows = await QueryAsync(_server.ConnectionString("demo"), "SELECT id, name, email, ssn, card_number FROM public.customers ORDER BY id");

        Assert.Equal(DemoDatabase.CustomerCount, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r[2]).Distinct().Count());
        Assert.All(rows, row =>
        {
            Assert.Matches(ReservedEmail(), row[2]);
            Assert.Matches(NeverIssuedSsn(), row[3]);
            Assert.Matches("^[0-9]{16}$", row[4]);
            Assert.True(Luhn.IsValid(row[4]), $"card {row[4]} fails the Luhn check");
        });
    }

    [Fact]
    public void Generate_SameCount_IsDeterministic()
    {
        Assert.Equal(DemoCustomers.Generate(50), DemoCustomers.Generate(50));
    }

    [Fact]
    public async Task SeedAsync_Reader_CanSelectButNotWrite()
    {
        var reader = _server.ConnectionString("demo", _seed.Reader.User, _seed.Reader.Password);

        Assert.Single(await QueryAsync(reader, "SELECT count(*)::text FROM public.customers"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => QueryAsync(reader, "DELETE FROM public.customers WHERE id = 1"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        error = await Assert.ThrowsAsync<PostgresException>(() => QueryAsync(reader, "CREATE TABLE public.nope (id int)"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task SeedAsync_Writer_CanWriteAndCreateTablesTheReaderCanRead()
    {
        var writer = _server.ConnectionString("demo", _seed.Writer.User, _seed.Writer.Password);
        await QueryAsync(writer, "INSERT INTO public.customers (name, email, ssn, card_number) VALUES ('New Person', 'new.person@example.com', '900-00-0001', '4000000000000002')");
        await QueryAsync(writer, "DELETE FROM public.customers WHERE email = 'new.person@example.com'");
        await QueryAsync(writer, "CREATE TABLE public.scratch (id int); INSERT INTO public.scratch VALUES (1)");

        var reader = _server.ConnectionString("demo", _seed.Reader.User, _seed.Reader.Password);
        Assert.Equal("1", Assert.Single(await QueryAsync(reader, "SELECT id::text FROM public.scratch"))[0]);
    }

    [Fact]
    public async Task SeedAsync_DemoLogins_CannotConnectToControlDatabase()
    {
        Assert.Equal(DemoDatabase.ControlDatabase, _seed.ControlDatabase);
        var reader = _server.ConnectionString(_seed.ControlDatabase, _seed.Reader.User, _seed.Reader.Password);
        var error = await Assert.ThrowsAsync<PostgresException>(() => QueryAsync(reader, "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public void SeedResult_ToString_HidesPasswords()
    {
        var text = _seed.ToString();
        Assert.DoesNotContain(_seed.Reader.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(_seed.Writer.Password, text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[a-z]+\.[a-z]+[0-9]+@example\.(com|org|net)$")]
    private static partial Regex ReservedEmail();

    [GeneratedRegex("^9[0-9]{2}-(0[1-9]|[1-9][0-9])-[0-9]{4}$")]
    private static partial Regex NeverIssuedSsn();

    private static async Task<List<string[]>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        }

        return rows;
    }
}
