using Npgsql;
using Warden.Silo.LocalPostgres;

namespace Warden.Silo.Tests.LocalPostgres;

[Collection(PostgresCollection.Name)]
public sealed class ThrowawayPostgresTests(PostgresFixture fixture)
{
    [Fact]
    public async Task StartAsync_Default_AcceptsSuperuserOverLoopbackTcp()
    {
        var server = fixture.Server;
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT host(inet_server_addr()), inet_server_port(), current_user, current_setting('fsync')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("127.0.0.1", reader.GetString(0));
        Assert.Equal(server.Port, reader.GetInt32(1));
        Assert.Equal(server.SuperuserName, reader.GetString(2));
        Assert.Equal("off", reader.GetString(3));
    }

    [Fact]
    public async Task StartAsync_WrongPassword_IsRejectedWithInvalidPassword()
    {
        var server = fixture.Server;
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres", server.SuperuserName, "not-the-password"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }

    [Fact]
    public async Task CreateDatabaseAsync_NewName_ReturnsWorkingConnectionString()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync("created_by_test");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal("created_by_test", connection.Database);
    }

    [Fact]
    public async Task CreateDatabaseAsync_NameNeedingQuotes_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Server.CreateDatabaseAsync("x\"; DROP DATABASE postgres; --"));
    }

    [Fact]
    public void Locate_ExplicitDirectoryWithoutBinaries_ThrowsNamingTheEnvironmentVariable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgresBinaries.Locate("/nonexistent/bin"));
        Assert.Contains(ThrowawayPostgresOptions.BinDirectoryVariable, error.Message, StringComparison.Ordinal);
    }
}
