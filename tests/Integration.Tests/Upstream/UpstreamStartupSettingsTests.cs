using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Warden.Integration.Tests.Fixtures;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// Settings that reach the upstream session must not change how the server reads SQL the edge has already judged.
/// The classifier lexes UTF-8 text with standard_conforming_strings on; a session where either differs can send
/// text that is one harmless statement to the edge and several to the server. Each test tries to leave the
/// read-only default the gateway set for the rule; refusing the setting is as good as the session staying read-only.
/// </summary>
[Collection(UpstreamLoginCollection.Name)]
public sealed class UpstreamStartupSettingsTests(UpstreamLoginFixture fixture)
{
    private const string Escape = "SET default_transaction_read_only = off; -- '";

    /// <summary>
    /// Standard strings: one SELECT of the literal <c>x\'; SET ...; -- </c> (read, allowed).
    /// Escaped strings: <c>SELECT 'x'''</c>, then the SET, then a comment.
    /// </summary>
    [Fact]
    public async Task Startup_StandardConformingStringsOffThenBackslashQuote_SessionStaysReadOnly()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.Silo.EdgePort);
        if (!await LoginAsync(client, ("standard_conforming_strings", "off")))
        {
            return;
        }
        Assert.Equal("on", await ReadOnlyDefaultAsync(client));

        await QueryAsync(client, Encoding.ASCII.GetBytes(@"SELECT 'x\''; " + Escape));

        Assert.Equal("on", await ReadOnlyDefaultAsync(client));
    }

    /// <summary>
    /// In SJIS, 0x95 0x5C is one character whose second byte is a backslash. Read as UTF-8 (0x95 is invalid, then
    /// <c>\'</c> escapes the quote) the E'' literal runs to the last quote: one SELECT. Read as SJIS the literal ends
    /// after that character, and the SET runs.
    /// </summary>
    [Fact]
    public async Task Query_SetClientEncodingSjisThenMultibyteBackslash_SessionStaysReadOnly()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.Silo.EdgePort);
        Assert.True(await LoginAsync(client));
        Assert.Equal("on", await ReadOnlyDefaultAsync(client));
        if (Refused(await QueryAsync(client, Encoding.ASCII.GetBytes("SET client_encoding = 'SJIS'"))))
        {
            return;
        }

        await QueryAsync(client, SjisSmuggle());

        Assert.Equal("on", await ReadOnlyDefaultAsync(client));
    }

    /// <summary>The same, with SJIS chosen at startup under its Windows code-page name (PostgreSQL's alias win932).</summary>
    [Fact]
    public async Task Startup_ClientEncodingWin932ThenMultibyteBackslash_SessionStaysReadOnly()
    {
        await using var client = await RawPgClient.ConnectAsync(fixture.Silo.EdgePort);
        if (!await LoginAsync(client, ("client_encoding", "win932")))
        {
            return;
        }
        Assert.Equal("on", await ReadOnlyDefaultAsync(client));

        await QueryAsync(client, SjisSmuggle());

        Assert.Equal("on", await ReadOnlyDefaultAsync(client));
    }

    private static byte[] SjisSmuggle() => [.. "SELECT E'"u8, 0x95, .. @"\'; "u8, .. Encoding.ASCII.GetBytes(Escape)];

    /// <summary>Startup with extra parameters and a token; false when the edge refused them or ended the session.</summary>
    private async Task<bool> LoginAsync(RawPgClient client, params (string Name, string Value)[] extra)
    {
        var token = await fixture.Silo.TokenAsync("upstream-probe", UpstreamPolicy.Group);
        await client.SendStartupAsync([("user", "raw"), ("database", UpstreamTarget.Scram.Name), .. extra]);
        var first = await client.ReadMessageAsync();
        Assert.NotNull(first);
        if (first.Value.Type == BackendMessageType.ErrorResponse && Refused([first.Value]))
        {
            return false;
        }
        Assert.Equal((char)BackendMessageType.Authentication, (char)first.Value.Type);
        await client.SendAsync(w => FrontendMessages.WritePassword(w, token));
        var login = await client.ReadUntilAsync(BackendMessageType.ReadyForQuery);
        return !Refused(login);
    }

    /// <summary>
    /// True when the replies hold the edge's refusal: 42501 (not allowed), 0A000 (encoding not supported) or
    /// 57P01 (session ended). Any other error fails the test, so a broken login cannot pass for a protection.
    /// </summary>
    private static bool Refused(List<(byte Type, byte[] Payload)> replies)
    {
        if (replies.FirstOrDefault(m => m.Type == BackendMessageType.ErrorResponse) is not { Payload: { } payload })
        {
            Assert.Equal((char)BackendMessageType.ReadyForQuery, (char)replies[^1].Type);
            return false;
        }
        Assert.Contains(ErrorResponse.Parse(new ReadOnlySequence<byte>(payload)).SqlState, (string[])["42501", "0A000", "57P01"]);
        return true;
    }

    /// <summary>A simple Query with the text as raw bytes (not necessarily UTF-8); the replies up to ReadyForQuery or the end.</summary>
    private static async Task<List<(byte Type, byte[] Payload)>> QueryAsync(RawPgClient client, byte[] text)
    {
        var message = new byte[1 + 4 + text.Length + 1];
        message[0] = FrontendMessageType.Query;
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(1), 4 + text.Length + 1);
        text.CopyTo(message, 5);
        await client.SendAsync(message);
        return await client.ReadUntilAsync(BackendMessageType.ReadyForQuery);
    }

    private static async Task<string> ReadOnlyDefaultAsync(RawPgClient client)
    {
        var replies = await QueryAsync(client, Encoding.ASCII.GetBytes("SHOW default_transaction_read_only"));
        var row = Assert.Single(replies, m => m.Type == BackendMessageType.DataRow).Payload;
        // DataRow: Int16 column count, then per column Int32 length and that many bytes.
        return Encoding.ASCII.GetString(row, 6, BinaryPrimitives.ReadInt32BigEndian(row.AsSpan(2)));
    }
}
