using Warden.Integration.Tests.Fixtures;
using Npgsql;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// A client's CancelRequest carries the gateway's key; the edge resolves it and sends the server's real key upstream
/// on a new connection, negotiating TLS first when the target requires it (CancelForwarder).
/// </summary>
[Collection(UpstreamLoginCollection.Name)]
public sealed class UpstreamCancelTests(UpstreamLoginFixture fixture)
{
    [Fact]
    public async Task Cancel_RunningQueryOnTlsTarget_FailsWithQueryCanceledAndSessionGoesOn()
    {
        var target = UpstreamTarget.Tls;
        await using var connection = await fixture.OpenAsync(target);
        await using var command = new NpgsqlCommand("SELECT pg_sleep(60)", connection);
        var running = command.ExecuteNonQueryAsync();
        await Eventually.TrueAsync(
            async () => (await fixture.QueryDirectAsync<int>(
                "SELECT pid FROM pg_stat_activity WHERE usename = $1 AND state = 'active' AND query LIKE '%pg_sleep(60)%'", target.User)).Count > 0,
            "pg_sleep runs upstream");

        command.Cancel();

        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(() => running);
        Assert.Equal("57014", Assert.IsType<PostgresException>(cancelled.InnerException).SqlState);
        await using var after = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        Assert.Equal(true, await after.ExecuteScalarAsync());
    }
}
