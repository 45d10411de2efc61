using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Warden.Grains.Interfaces.Recording;
using Warden.Grains.Interfaces.Sessions;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// Recording to Azurite: complete and in order; with the store taken away mid-session, strict sessions
/// refuse statements (55000) and resume when it returns, batched sessions carry on within their buffer
/// and then refuse; a session whose edge falls silent is sealed as interrupted. Nothing is lost.
/// </summary>
public sealed class BlobRecordingTests(BlobRecordingCluster cluster) : IClassFixture<BlobRecordingCluster>
{
    [Fact]
    public async Task Strict_StoreDownMidSession_FailsClosedThenResumes_AndNothingIsLost()
    {
        var silo = cluster.Strict;
        var subject = "blob-strict-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await OpenAsync(silo, subject))
        {
            Assert.Equal("before", await BlobRecordingCluster.ScalarAsync(connection, "SELECT 'before'"));
            await cluster.Azurite.StopAsync();
            try
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => BlobRecordingCluster.ScalarAsync(connection, "SELECT 'during'"));
                Assert.Equal("55000", refused.SqlState);
                Assert.Contains("could not be recorded", refused.MessageText);
            }
            finally
            {
                await cluster.Azurite.StartAsync();
            }
            // The same connection goes on once the store is back.
            Assert.Equal("after", await BlobRecordingCluster.ScalarAsync(connection, "SELECT 'after'"));
        }

        var sessions = new RecordedSessions(silo.Api);
        var id = await sessions.WaitForAsync(subject);
        var events = await sessions.EventsAsync(id);
        RecordedSessions.AssertCompleteAndSealed(events);
        Assert.Equal(
            [("SELECT 'before'", "allow"), ("SELECT 'during'", "allow"), ("SELECT 'after'", "allow")],
            RecordedSessions.Statements(events).Where(s => s.Sql.StartsWith("SELECT '", StringComparison.Ordinal)));
        Assert.Contains(events, e => RecordedSessions.Type(e) == "error" && e.GetProperty("sqlState").GetString() == "55000");
        var verdict = await sessions.VerifyAsync(id);
        Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
    }

    [Fact]
    public async Task Batched_StoreDown_CarriesOnWithinBuffer_ThenRefuses_ThenDeliversEverything()
    {
        var silo = cluster.Batched;
        var subject = "blob-batched-" + Guid.NewGuid().ToString("N")[..8];
        var ran = new List<string>();
        PostgresException? refused = null;
        await using (var connection = await OpenAsync(silo, subject))
        {
            Assert.Equal(1, await BlobRecordingCluster.ScalarAsync(connection, "SELECT 1"));
            await cluster.Azurite.StopAsync();
            try
            {
                // Each statement adds a statement and a result event: the buffer fills within the loop.
                for (var n = 0; n < 2 * BlobRecordingCluster.BufferEvents && refused is null; n++)
                {
                    var sql = $"SELECT 'while down {n}'";
                    try
                    {
                        await BlobRecordingCluster.ScalarAsync(connection, sql);
                        ran.Add(sql);
                    }
                    catch (PostgresException e)
                    {
                        refused = e;
                    }
                }
            }
            finally
            {
                await cluster.Azurite.StartAsync();
            }
            Assert.True(ran.Count > 0, refused?.MessageText);
            Assert.NotNull(refused);
            Assert.Equal("55000", refused.SqlState);
            Assert.Contains("buffer is full", refused.MessageText);
            // Once the buffer drains to the store, statements run again.
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    return await BlobRecordingCluster.ScalarAsync(connection, "SELECT 'recovered'") is "recovered";
                }
                catch (PostgresException e) when (e.SqlState == "55000")
                {
                    return false;
                }
            }, "the batched session runs statements again");
        }

        var sessions = new RecordedSessions(silo.Api);
        var id = await sessions.WaitForAsync(subject);
        var events = await sessions.EventsAsync(id);
        RecordedSessions.AssertCompleteAndSealed(events);
        var recorded = RecordedSessions.Statements(events).Select(s => s.Sql).ToHashSet();
        Assert.All(ran, sql => Assert.Contains(sql, recorded));
        Assert.Contains("SELECT 'recovered'", recorded);
        Assert.Equal("batched", events[0].GetProperty("durability").GetString());
        Assert.True((await sessions.VerifyAsync(id)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Batched_HealthyStoreSessionOutrunsBuffer_WaitsForDeliveryInsteadOfRefusing()
    {
        var silo = cluster.Batched;
        var subject = "blob-burst-" + Guid.NewGuid().ToString("N")[..8];
        var texts = Enumerable.Range(1, 3 * BlobRecordingCluster.BufferEvents).Select(n => $"SELECT {n} AS burst").ToList();
        await using (var connection = await OpenAsync(silo, subject))
        {
            // One read carries more statement events than the buffer holds.
            await using var batch = new NpgsqlBatch(connection);
            texts.ForEach(text => batch.BatchCommands.Add(new NpgsqlBatchCommand(text)));
            await using var reader = await batch.ExecuteReaderAsync();
            var results = 0;
            do
            {
                results += await reader.ReadAsync() ? 1 : 0;
            }
            while (await reader.NextResultAsync());
            Assert.Equal(texts.Count, results);
        }

        var sessions = new RecordedSessions(silo.Api);
        var events = await sessions.EventsAsync(await sessions.WaitForAsync(subject));
        RecordedSessions.AssertCompleteAndSealed(events);
        Assert.Equal(texts, RecordedSessions.Statements(events).Select(s => s.Sql).Where(sql => sql.EndsWith(" AS burst", StringComparison.Ordinal)));
        Assert.DoesNotContain(events, e => RecordedSessions.Type(e) == "error");
    }

    [Fact]
    public async Task Batched_FullBatchBeforeInterval_IsDeliveredWhileSessionRuns()
    {
        var silo = cluster.BatchedBySize;
        var subject = "blob-size-" + Guid.NewGuid().ToString("N")[..8];
        var sessions = new RecordedSessions(silo.Api);
        await using var connection = await OpenAsync(silo, subject);
        // A statement and its result are two events: this many statements fill the batch twice over.
        for (var n = 0; n < BlobRecordingCluster.BatchEvents; n++)
        {
            Assert.Equal(n, await BlobRecordingCluster.ScalarAsync(connection, $"SELECT {n} AS sized"));
        }

        // The interval is an hour away, and the session is still open: only the size trigger can have sent them.
        var id = await sessions.WaitForAsync(subject, "active");
        await Eventually.TrueAsync(async () =>
            RecordedSessions.Statements(await sessions.EventsAsync(id)).Count(s => s.Sql.EndsWith(" AS sized", StringComparison.Ordinal))
                >= BlobRecordingCluster.BatchEvents / 2,
            "a full batch is recorded before the interval");
    }

    [Fact]
    public async Task EdgeFallsSilent_ClusterSealsRecordingAsInterrupted()
    {
        var silo = cluster.Strict;
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var subject = "blob-silent-" + Guid.NewGuid().ToString("N")[..8];
        var sessionId = Guid.NewGuid();
        var session = grains.Session(sessionId);
        var identity = new CallerIdentity(subject, "http://127.0.0.1/dev", ["ci"], null, DateTimeOffset.UtcNow.AddMinutes(5));
        var opened = await session.OpenAsync(new SessionRequest(identity, "demo", "127.0.0.1:1", "ci", "vanishing-edge", null));
        Assert.True(opened.Plan is not null, opened.Refusal);
        var statement = new StatementEvent(1, DateTimeOffset.UtcNow, "simple", "SELECT 1", null, "allow", "ci-read", ["read"], null, false, opened.Plan!.PolicyVersion);
        Assert.True((await session.RecordAsync([statement])).Recorded);
        // The edge now says nothing more, as if its process had died.

        var sessions = new RecordedSessions(silo.Api);
        Assert.Equal(sessionId, await sessions.WaitForAsync(subject, "interrupted"));
        var events = await sessions.EventsAsync(sessionId);
        RecordedSessions.AssertCompleteAndSealed(events, interrupted: true);
        Assert.Contains("edge stopped reporting", events[^2].GetProperty("reason").GetString());
        Assert.Equal(("SELECT 1", "allow"), Assert.Single(RecordedSessions.Statements(events)));
        var verdict = await sessions.VerifyAsync(sessionId);
        Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
        Assert.True(verdict.GetProperty("interrupted").GetBoolean());
    }

    private static async Task<NpgsqlConnection> OpenAsync(InProcessSilo silo, string subject)
    {
        var connection = new NpgsqlConnection(silo.EdgeConnectionString(await silo.TokenAsync(subject, "ci"), "demo"));
        await connection.OpenAsync();
        return connection;
    }
}
