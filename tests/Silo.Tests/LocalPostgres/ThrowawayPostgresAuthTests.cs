using Npgsql;
using Warden.Silo.LocalPostgres;

namespace Warden.Silo.Tests.LocalPostgres;

/// <summary>Each test starts its own server, since authentication rules are fixed at start.</summary>
public sealed class ThrowawayPostgresAuthTests
{
    [Theory]
    [InlineData(nameof(PgAuthMethod.Md5), nameof(PgPasswordStorage.Md5), "md5")]
    [InlineData(nameof(PgAuthMethod.Password), nameof(PgPasswordStorage.ScramSha256), "password")]
    [InlineData(nameof(PgAuthMethod.ScramSha256), nameof(PgPasswordStorage.ScramSha256), "scram-sha-256")]
    public async Task ExtraHbaRule_LoginRole_AuthenticatesWithThatMethod(string methodName, string storageName, string loggedMethod)
    {
        // The enums are internal, so a public theory takes their names.
        var method = Enum.Parse<PgAuthMethod>(methodName);
        var storage = Enum.Parse<PgPasswordStorage>(storageName);
        var options = new ThrowawayPostgresOptions
        {
            ExtraHbaRules = [new PgHbaRule("all", "legacy_app", method)],
            // PostgreSQL 14+ logs "connection authorized ... method=..." with log_connections on.
            ServerSettings = new Dictionary<string, string> { ["log_connections"] = "on" },
        };
        await using var server = await ThrowawayPostgres.StartAsync(options);
        await server.CreateLoginRoleAsync("legacy_app", "app-secret", storage);

        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres", "legacy_app", "app-secret")))
        {
            await connection.OpenAsync();
        }

        await using var wrong = new NpgsqlConnection(server.ConnectionString("postgres", "legacy_app", "wrong"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => wrong.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);

        var log = await ReadSharedAsync(Path.Combine(server.RootDirectory, "server.log"));
        Assert.Contains($"identity=\"legacy_app\" method={loggedMethod}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_RunningServer_StopsItAndDeletesItsDirectory()
    {
        var server = await ThrowawayPostgres.StartAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")) { Pooling = false, Timeout = 2 }.ConnectionString;
        var directory = server.RootDirectory;

        await server.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        await using var connection = new NpgsqlConnection(connectionString);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.OpenAsync());
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
