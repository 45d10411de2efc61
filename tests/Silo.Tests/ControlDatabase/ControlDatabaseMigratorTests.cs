using Npgsql;
using Warden.Silo.ControlDatabase;

namespace Warden.Silo.Tests.ControlDatabase;

[Collection(PostgresCollection.Name)]
public sealed class ControlDatabaseMigratorTests(PostgresFixture fixture)
{
    // Every key the Orleans 10 ADO.NET clustering, persistence and reminder providers refuse to start without.
    private static readonly string[] RequiredQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public void Embedded_Migrations_AreOrderedAndStartWithTheOrleansProviders()
    {
        var versions = ControlDatabaseMigration.Embedded.Select(m => m.Version).ToList();
        Assert.Equal(["0001_orleans_clustering", "0002_orleans_persistence", "0003_orleans_reminders"], versions.Take(3));
        Assert.Equal(versions.Order(StringComparer.Ordinal), versions);
    }

    [Fact]
    public async Task MigrateAsync_FreshDatabase_AppliesEveryMigrationAndRecordsIt()
    {
        var connectionString = await fixture.CreateDatabaseAsync("migrate_fresh");

        var applied = await new ControlDatabaseMigrator().MigrateAsync(connectionString);

        Assert.Equal(ControlDatabaseMigration.Embedded.Select(m => m.Version), applied);
        Assert.Equal(applied, await ScalarListAsync(connectionString, $"SELECT version FROM {ControlDatabaseMigrator.HistoryTable} ORDER BY version"));
        var keys = await ScalarListAsync(connectionString, "SELECT QueryKey FROM OrleansQuery");
        Assert.All(RequiredQueryKeys, key => Assert.Contains(key, keys));
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        var connectionString = await fixture.CreateDatabaseAsync("migrate_twice");
        var migrator = new ControlDatabaseMigrator();
        await migrator.MigrateAsync(connectionString);

        var second = await migrator.MigrateAsync(connectionString);

        Assert.Empty(second);
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentMigrators_ApplyEachMigrationOnce()
    {
        var connectionString = await fixture.CreateDatabaseAsync("migrate_race");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new ControlDatabaseMigrator().MigrateAsync(connectionString))));

        Assert.Equal(ControlDatabaseMigration.Embedded.Count, results.Sum(r => r.Count));
        Assert.Single(results, r => r.Count > 0);
    }

    [Fact]
    public async Task MigrateAsync_FailingMigration_RollsBackEverything()
    {
        var connectionString = await fixture.CreateDatabaseAsync("migrate_failing");
        ControlDatabaseMigration[] migrations =
        [
            new("0001_good", "CREATE TABLE good_table (id integer)"),
            new("0002_bad", "CREATE TABLE bad_table (id integer); SELECT 1/0"),
        ];

        await Assert.ThrowsAsync<PostgresException>(() => new ControlDatabaseMigrator().MigrateAsync(connectionString, migrations, CancellationToken.None));

        Assert.Empty(await ScalarListAsync(connectionString, "SELECT tablename::text FROM pg_tables WHERE tablename IN ('good_table', 'bad_table')"));
    }

    [Fact]
    public async Task EnsureDatabaseExistsAsync_MissingThenPresent_CreatesOnce()
    {
        var maintenance = fixture.Server.ConnectionString("postgres");
        var migrator = new ControlDatabaseMigrator();

        Assert.True(await migrator.EnsureDatabaseExistsAsync(maintenance, "ensured_control"));
        Assert.False(await migrator.EnsureDatabaseExistsAsync(maintenance, "ensured_control"));
    }

    private static async Task<List<string>> ScalarListAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
