using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Warden.Silo.LocalPostgres;

namespace Warden.Silo.ControlDatabase;

/// <summary>
/// Brings the control database (Orleans membership, grain state, reminders) to the schema this build
/// expects. Safe to run from every silo at start: all pending migrations apply in one transaction under
/// a transaction-scoped advisory lock, so concurrent migrators queue and the later ones find nothing to do.
/// </summary>
internal sealed partial class ControlDatabaseMigrator(ILogger? logger = null)
{
    internal const string HistoryTable = "warden_schema_migrations";

    /// <summary>Advisory lock key shared by every migrator ("WARDEN" in ASCII); unrelated to any table.</summary>
    internal const long AdvisoryLockKey = 0x57_41_52_44_45_4E;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Applies, in version order, every embedded migration not yet recorded; returns the versions applied now.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default) =>
        MigrateAsync(connectionString, ControlDatabaseMigration.Embedded, cancellationToken);

    internal async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, IReadOnlyList<ControlDatabaseMigration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Released at commit or rollback, so a crashed migrator can never leave it held.
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            $"""
            CREATE TABLE IF NOT EXISTS {HistoryTable}
            (
                version    text        NOT NULL PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            cancellationToken).ConfigureAwait(false);

        var applied = await ReadAppliedVersionsAsync(connection, cancellationToken).ConfigureAwait(false);
        var appliedNow = new List<string>();
        foreach (var migration in migrations.OrderBy(m => m.Version, StringComparer.Ordinal))
        {
            if (applied.Contains(migration.Version))
            {
                continue;
            }

            Log.Applying(_logger, migration.Version);
            await ExecuteAsync(connection, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand($"INSERT INTO {HistoryTable} (version) VALUES (@version)", connection);
            record.Parameters.AddWithValue("version", migration.Version);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            appliedNow.Add(migration.Version);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Log.UpToDate(_logger, appliedNow.Count, applied.Count + appliedNow.Count);
        return appliedNow;
    }

    /// <summary>
    /// Creates <paramref name="databaseName"/> through a maintenance connection (e.g. to database
    /// <c>postgres</c>) if it does not exist; returns whether it was created.
    /// </summary>
    public async Task<bool> EnsureDatabaseExistsAsync(string maintenanceConnectionString, string databaseName, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(maintenanceConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if ((bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            return false;
        }

        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {PgSql.Identifier(databaseName)}", cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            return false; // Another silo created it between our check and our CREATE.
        }

        Log.CreatedDatabase(_logger, databaseName);
        return true;
    }

    private static async Task<HashSet<string>> ReadAppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var versions = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT version FROM {HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetString(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
