using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Warden.Integration.Tests.Fixtures;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Policy.Support;

/// <summary>
/// A session through the edge that sends every text as one simple Query message, byte for byte, as psql -c
/// and libpq's PQexec do. Npgsql cannot do this (it splits a text at semicolons and sends each part with the
/// extended protocol), and a multi-statement text, an odd client encoding or a raw byte sequence are exactly
/// what the gateway must judge as a whole.
/// </summary>
internal sealed class SimpleQuerySession : IAsyncDisposable
{
    private readonly RawPgClient _client;

    private SimpleQuerySession(RawPgClient client, string group)
    {
        _client = client;
        Group = group;
    }

    public string Group { get; }

    /// <summary>Logs in through the edge with a token for <paramref name="group"/>; extra startup parameters are sent as given.</summary>
    public static async Task<SimpleQuerySession> OpenAsync(WardenCluster cluster, string group, params (string Name, string Value)[] startup)
    {
        var token = await EdgeTokens.GetAsync(cluster, group);
        var client = await RawPgClient.ConnectAsync(cluster.EdgePort);
        try
        {
            await client.SendStartupAsync([("user", "escape-tester"), ("database", "demo"), .. startup]);
            var auth = await client.ReadMessageAsync();
            if (auth is { Type: BackendMessageType.ErrorResponse } refusal)
            {
                // Refused at startup, before the token is even asked for (an unsafe setting, say).
                var parsed = ErrorResponse.Parse(new ReadOnlySequence<byte>(refusal.Payload));
                throw new InvalidOperationException($"startup as {group} refused: {parsed.SqlState} {parsed.Message}");
            }
            Assert.True(auth is { Type: BackendMessageType.Authentication }, "the edge asks for the token");
            await client.SendAsync(w => FrontendMessages.WritePassword(w, token));
            var login = await client.ReadUntilAsync(BackendMessageType.ReadyForQuery);
            var error = login.FirstOrDefault(m => m.Type == BackendMessageType.ErrorResponse);
            if (error.Payload is not null)
            {
                var parsed = ErrorResponse.Parse(new ReadOnlySequence<byte>(error.Payload));
                throw new InvalidOperationException($"login as {group} refused: {parsed.SqlState} {parsed.Message}");
            }
            Assert.Equal((char)BackendMessageType.ReadyForQuery, (char)login[^1].Type);
            return new SimpleQuerySession(client, group);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public Task<QueryResult> QueryAsync(string sql) => QueryAsync(Encoding.UTF8.GetBytes(sql));

    /// <summary>Sends one Query message holding exactly <paramref name="sql"/> and reads every reply up to ReadyForQuery.</summary>
    public async Task<QueryResult> QueryAsync(byte[] sql)
    {
        var message = new byte[1 + 4 + sql.Length + 1];
        message[0] = (byte)'Q';
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + sql.Length + 1);
        sql.CopyTo(message, 5);
        await _client.SendAsync(message);
        return await ReadUntilReadyAsync();
    }

    /// <summary>Sends protocol messages exactly as given (e.g. an extended-protocol Bind/Execute/Sync).</summary>
    public Task SendRawAsync(byte[] messages) => _client.SendAsync(messages);

    /// <summary>Reads every reply up to and including ReadyForQuery.</summary>
    public async Task<QueryResult> ReadUntilReadyAsync()
    {
        var result = new QueryResult();
        while (true)
        {
            var reply = await _client.ReadMessageAsync()
                ?? throw new InvalidOperationException("the edge closed the connection while a query was running");
            switch (reply.Type)
            {
                case BackendMessageType.ErrorResponse:
                    result.Errors.Add(ErrorResponse.Parse(new ReadOnlySequence<byte>(reply.Payload)));
                    break;
                case BackendMessageType.CommandComplete:
                    result.CommandTags.Add(Encoding.UTF8.GetString(reply.Payload.AsSpan(0, reply.Payload.Length - 1)));
                    break;
                case BackendMessageType.DataRow:
                    result.Rows.Add(ParseDataRow(reply.Payload));
                    break;
                case BackendMessageType.NotificationResponse:
                    result.Notifications++;
                    break;
                case BackendMessageType.CopyInResponse:
                    // Only reached when a COPY FROM STDIN was let through: end it at once so the session goes on.
                    result.CommandTags.Add("(copy-in started)");
                    await _client.SendAsync([(byte)'f', 0, 0, 0, 4 + 3, (byte)'n', (byte)'o', 0]);
                    break;
                case BackendMessageType.ReadyForQuery:
                    result.TransactionStatus = (char)reply.Payload[0];
                    return result;
                default:
                    break;
            }
        }
    }

    /// <summary>The first column of the first row of a text that must succeed.</summary>
    public async Task<string?> ScalarAsync(string sql)
    {
        var result = await QueryAsync(sql);
        Assert.True(result.Errors.Count == 0, $"'{sql}' failed: {result.DescribeErrors()}");
        Assert.NotEmpty(result.Rows);
        return result.Rows[0][0];
    }

    private static string?[] ParseDataRow(byte[] payload)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(payload);
        var values = new string?[count];
        var offset = 2;
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(offset));
            offset += 4;
            if (length >= 0)
            {
                values[i] = Encoding.UTF8.GetString(payload, offset, length);
                offset += length;
            }
        }
        return values;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}

/// <summary>Everything one simple Query produced.</summary>
internal sealed class QueryResult
{
    public List<ErrorResponse> Errors { get; } = [];

    /// <summary>CommandComplete tags, in order: a statement that ran leaves one.</summary>
    public List<string> CommandTags { get; } = [];

    public List<string?[]> Rows { get; } = [];

    public int Notifications { get; set; }

    public char TransactionStatus { get; set; }

    public string DescribeErrors() =>
        Errors.Count == 0 ? "no error" : string.Join("; ", Errors.Select(e => $"{e.SqlState}: {e.Message}"));

    public override string ToString() =>
        $"errors [{DescribeErrors()}], commands run [{string.Join(", ", CommandTags)}], {Rows.Count} row(s)"
        + (Rows.Count > 0 ? $", first row [{string.Join(", ", Rows[0])}]" : string.Empty);
}
