using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Recording;
using Warden.Silo.Demo;
using Warden.Silo.LocalPostgres;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// A silo process (co-hosting the edge) is killed in the middle of a strict session. Every statement the
/// client saw executed is already in the recording, whose chain is intact; a second silo then seals the
/// abandoned recording as interrupted, woken by the session's durable reminder.
/// </summary>
public sealed class SiloLossRecordingTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("warden-silo-loss-").FullName;
    private ThrowawayPostgres _server = null!;
    private DemoSeedResult _seed = null!;
    private readonly List<ChildProcess> _silos = [];

    private string RecordingDirectory => Path.Combine(_directory, "recordings");

    public async Task InitializeAsync()
    {
        _server = await ThrowawayPostgres.StartAsync();
        _seed = await DemoDatabase.SeedAsync(_server);
    }

    [Fact]
    public async Task SiloKilledMidStrictSession_NoExecutedStatementLost_ThenSealedInterrupted()
    {
        var clusterId = "loss-" + Guid.NewGuid().ToString("N")[..8];
        var (first, firstEdge, firstApi) = await StartSiloAsync(clusterId);
        // The survivor is a member before the loss, so it can find the dead silo and take its reminders over.
        var (_, _, secondApi) = await StartSiloAsync(clusterId);
        var executed = new List<string>();
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = firstEdge, Database = "demo", Username = "ci", Password = await TokenAsync(firstApi),
            SslMode = SslMode.Disable, Pooling = false, Timeout = 10,
        }.ConnectionString);
        await connection.OpenAsync();
        for (var n = 1; n <= 5; n++)
        {
            var sql = $"SELECT {n} AS executed";
            await using var command = new NpgsqlCommand(sql, connection);
            Assert.Equal(n, await command.ExecuteScalarAsync());
            executed.Add(sql);
        }

        _silos.Remove(first);
        await first.DisposeAsync(); // kill -9: no close, no seal, no last delivery
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var command = new NpgsqlCommand("SELECT 'after the silo died'", connection);
            await command.ExecuteScalarAsync();
        });
        await connection.DisposeAsync();

        var store = new FileRecordingStore(RecordingDirectory);
        var session = await SingleSessionAsync(store);
        var lines = await ReadAsync(store, session);
        var recorded = lines.Select(RecordingFormat.Parse).Select(l => l.Event).OfType<StatementRecorded>().Select(s => s.Sql).ToList();
        Assert.All(executed, sql => Assert.Contains(sql, recorded));
        var chain = await RecordingVerifier.VerifyAsync(lines.ToAsyncEnumerable(), null, CancellationToken.None);
        Assert.False(chain.Sealed);
        Assert.Equal(lines.Count, chain.Events);

        // The other silo of the cluster takes over the dead one's reminders and seals the recording.
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{secondApi}") };
        await Eventually.TrueAsync(async () =>
        {
            using var response = await api.GetAsync($"/api/sessions/{session}");
            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() == "interrupted";
        }, "the second silo seals the abandoned recording as interrupted", TimeSpan.FromSeconds(150));
        var verdict = await api.GetFromJsonAsync<JsonElement>($"/api/sessions/{session}/verify");
        Assert.True(verdict.GetProperty("ok").GetBoolean(), verdict.ToString());
        Assert.True(verdict.GetProperty("interrupted").GetBoolean());
    }

    private async Task<(ChildProcess Silo, int EdgePort, int ApiPort)> StartSiloAsync(string clusterId)
    {
        var policyPath = Path.Combine(_directory, "policy.yaml");
        await File.WriteAllTextAsync(policyPath, $$"""
            targets:
              demo:
                host: {{_seed.Host}}
                port: {{_seed.Port}}
                database: demo
                tls: disable
                roles:
                  reader: { user: {{_seed.Reader.User}}, password: "${env:LOSS_READER_PASSWORD}" }
            access:
              - name: ci-read
                groups: [ci]
                targets: [demo]
                role: reader
                allow: [read, transaction, session]
            recording:
              durability: strict
            """);
        int edgePort = FreePorts.Next(), apiPort = FreePorts.Next();
        var silo = ChildProcess.Start("Silo", ["--dev", "--policy", policyPath], new Dictionary<string, string>
        {
            ["ConnectionStrings__WardenControl"] = _server.ConnectionString(_seed.ControlDatabase),
            ["Warden__Cluster__ClusterId"] = clusterId,
            ["Warden__Cluster__ServiceId"] = clusterId,
            ["Warden__Recording__Directory"] = RecordingDirectory,
            ["Warden__Sessions__AbandonAfter"] = "00:00:03",
            ["Warden__Sessions__CheckInterval"] = "00:00:00.500",
            ["Warden__Sessions__ReminderPeriod"] = "00:00:05",
            ["LOSS_READER_PASSWORD"] = _seed.Reader.Password,
            ["Warden__Silo__ApiPort"] = apiPort.ToString(),
            ["Warden__Silo__SiloPort"] = FreePorts.Next().ToString(),
            ["Warden__Silo__GatewayPort"] = FreePorts.Next().ToString(),
            ["Warden__Edge__Port"] = edgePort.ToString(),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        _silos.Add(silo);
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        await silo.WaitUntilReadyAsync(async () => (await api.GetAsync("/healthz")).IsSuccessStatusCode);
        return (silo, edgePort, apiPort);
    }

    private static async Task<string> TokenAsync(int apiPort)
    {
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        var response = await api.PostAsJsonAsync("/dev/token", new { sub = "loss-" + apiPort, groups = new[] { "ci" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["token"];
    }

    private static async Task<Guid> SingleSessionAsync(FileRecordingStore store)
    {
        var sessions = new List<Guid>();
        await foreach (var manifest in store.ListAsync(CancellationToken.None))
        {
            sessions.Add(manifest.SessionId);
        }
        return Assert.Single(sessions);
    }

    private static async Task<List<string>> ReadAsync(FileRecordingStore store, Guid session)
    {
        var lines = new List<string>();
        await foreach (var line in store.ReadLinesAsync(session, CancellationToken.None))
        {
            lines.Add(line);
        }
        return lines;
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
