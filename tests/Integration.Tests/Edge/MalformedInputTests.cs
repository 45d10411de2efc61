using System.Buffers.Binary;
using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Protocol.Framing;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Edge;

/// <summary>
/// What no driver sends: every case must end with a clear ErrorResponse (08P01 unless stated) and a
/// closed connection — never a crash or a hang — while other sessions carry on.
/// </summary>
[Collection(WardenClusterCollection.Name)]
public sealed class MalformedInputTests(WardenCluster cluster)
{
    private static byte[] Int32s(params int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
        }
        return bytes;
    }

    private async Task AssertRejectedAsync(RawPgClient client, string sqlState = "08P01")
    {
        var error = await client.ReadErrorAsync();
        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal("FATAL", error.Get(ErrorResponse.SeverityNonLocalizedField));
        Assert.True(await client.ClosedAsync());
    }

    [Fact]
    public async Task StartupPacket_HugeLength_Rejected()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        await client.SendAsync(Int32s(0x7fffffff, StartupCodes.Protocol30));
        await AssertRejectedAsync(client);
    }

    [Fact]
    public async Task StartupPacket_UnknownMajorVersion_Rejected0A000()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        await client.SendAsync([.. Int32s(9, 4 << 16), 0]);
        await AssertRejectedAsync(client, "0A000");
    }

    [Fact]
    public async Task SslRequest_FollowedByPlaintextBytes_Rejected()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        // SSLRequest and a StartupMessage in one write: the second must not be taken as plaintext.
        var startup = new System.Buffers.ArrayBufferWriter<byte>();
        StartupMessage.Write(startup, [new("user", "x")]);
        await client.SendAsync([.. Int32s(8, StartupCodes.SslRequest), .. startup.WrittenSpan]);
        await AssertRejectedAsync(client);
    }

    [Fact]
    public async Task GssEncRequest_AnsweredNThenLoginProceeds()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        await client.SendAsync(Int32s(8, StartupCodes.GssEncRequest));
        Assert.Equal('N', (char)await client.ReadByteAsync());
        var messages = await client.LoginAsync(await cluster.TokenAsync("ci-bot", "ci"));
        Assert.Equal((char)BackendMessageType.ReadyForQuery, (char)messages[^1].Type);
    }

    [Fact]
    public async Task Protocol32_GetsNegotiateProtocolVersion()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        // StartupMessage for 3.2 with a grease extension, written by hand.
        var body = new List<byte>(Int32s((3 << 16) | 2));
        foreach (var s in new[] { "user", "raw", "database", "demo", "_pq_.test_grease", "1" })
        {
            body.AddRange(System.Text.Encoding.UTF8.GetBytes(s));
            body.Add(0);
        }
        body.Add(0);
        await client.SendAsync([.. Int32s(body.Count + 4), .. body]);
        var negotiate = await client.ReadMessageAsync();
        Assert.Equal((char)BackendMessageType.NegotiateProtocolVersion, (char)negotiate!.Value.Type);
        Assert.Equal(0, BinaryPrimitives.ReadInt32BigEndian(negotiate.Value.Payload)); // newest minor: 0
        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(negotiate.Value.Payload.AsSpan(4)));
        var auth = await client.ReadMessageAsync();
        Assert.Equal((char)BackendMessageType.Authentication, (char)auth!.Value.Type);
    }

    [Fact]
    public async Task ReplicationStartup_Refused()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        await client.SendStartupAsync(("user", "raw"), ("database", "demo"), ("replication", "database"));
        await AssertRejectedAsync(client, "42501");
    }

    [Fact]
    public async Task PasswordPhase_WrongMessageType_Rejected()
    {
        await using var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        await client.SendStartupAsync(("user", "raw"), ("database", "demo"));
        await client.ReadMessageAsync();
        await client.SendAsync(w => QueryMessage.Write(w, "SELECT 1"));
        await AssertRejectedAsync(client);
    }

    [Fact]
    public async Task AfterLogin_UnknownMessageType_Rejected()
    {
        await using var client = await LoggedInAsync();
        await client.SendAsync([(byte)'z', .. Int32s(4)]);
        await AssertRejectedAsync(client);
    }

    [Fact]
    public async Task AfterLogin_OversizedMessage_RejectedBeforeBody()
    {
        await using var client = await LoggedInAsync();
        await client.SendAsync([(byte)'Q', .. Int32s(0x7ffffff0)]);
        await AssertRejectedAsync(client);
    }

    [Fact]
    public async Task AfterLogin_MalformedParse_Rejected()
    {
        await using var client = await LoggedInAsync();
        // Parse with a parameter count claiming 5 types but carrying none.
        byte[] payload = [0, (byte)'x', 0, 0, 5];
        await client.SendAsync([FrontendMessageType.Parse, .. Int32s(payload.Length + 4), .. payload]);
        await AssertRejectedAsync(client);
    }

    [Fact]
    public async Task AfterLogin_TruncatedMessageThenClose_OtherSessionsUnaffected()
    {
        await using var healthy = await cluster.OpenAsync("ci-bot", "ci");
        await using (var client = await LoggedInAsync())
        {
            await client.SendAsync([(byte)'Q', .. Int32s(100), (byte)'S', (byte)'E']);
        }
        await using var command = new NpgsqlCommand("SELECT count(*) FROM customers", healthy);
        Assert.Equal(1000L, await command.ExecuteScalarAsync());
    }

    private async Task<RawPgClient> LoggedInAsync()
    {
        var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        var messages = await client.LoginAsync(await cluster.TokenAsync("ci-bot", "ci"));
        Assert.Equal((char)BackendMessageType.ReadyForQuery, (char)messages[^1].Type);
        return client;
    }
}
