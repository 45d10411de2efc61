using Warden.Silo.LocalPostgres;

namespace Warden.Silo.Tests;

/// <summary>One throwaway PostgreSQL shared by the tests of the <see cref="PostgresCollection"/>; each test makes its own databases.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databaseCounter;

    internal ThrowawayPostgres Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ThrowawayPostgres.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Creates a fresh, uniquely named database and returns the superuser's connection string for it.</summary>
    internal Task<string> CreateDatabaseAsync(string prefix) =>
        Server.CreateDatabaseAsync($"{prefix}_{Interlocked.Increment(ref _databaseCounter)}");
}

/// <summary>Tests that share one server run one after another, which also suits a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
