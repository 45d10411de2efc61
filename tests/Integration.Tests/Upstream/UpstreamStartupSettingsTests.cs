using System.Buffers.Binary;
using System.Text;
using Warden.Integration.Tests.Fixtures;
using Warden.Protocol.Messages;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// Startup settings the edge forwards to the upstream login must not change how the server reads SQL the edge
/// has already judged. The classifier lexes with standard_conforming_strings on; with it off, the server takes a
/// backslash in '...' as an escape, so one text can be one statement to the edge and two to the server.
/// </summary>
[Collection(UpstreamLoginCollection.Name)]
public sealed class UpstreamStartupSettingsTests(UpstreamLoginFixture fixture)
{
    /// <summary>
    /// Standard strings: one SELECT of the literal <c>x\'; SET ...; -- </c> (read, allowed).
    /// Escaped strings: <c>SELECT 'x'''</c>, then <c>SET default_transaction_read_only = off</c>, then a comment.
    /// </summary>
    private const string Smuggle = @"SELECT 'x\''; SET default_transaction_read_only = off; -- '";

    [Fact]
    public async Task Startup_StandardConformingStringsOffThenBackslashQuote_SessionStaysReadOnly()
    {
        var token = await fixture.Silo.TokenAsync("upstream-probe", UpstreamPolicy.Group);
        await using var client = await RawPgClient.ConnectAsync(fixture.Silo.EdgePort);
        await client.SendStartupAsync(("user", "raw"), ("database", UpstreamTarget.Scram.Name), ("standard_conforming_strings", "off"));

        var first = await client.ReadMessageAsync();
        Assert.NotNull(first);
        if (first.Value.Type == BackendMessageType.ErrorResponse)
        {
            // Refusing the setting at startup is one way to keep the session safe.
            var refusal = ErrorResponse.Parse(new(first.Value.Payload));
            Assert.Equal("42501", refusal.SqlState);
            return;
        }
        Assert.Equal((char)BackendMessageType.Authentication, (char)first.Value.Type);
        await client.SendAsync(w => FrontendMessages.WritePassword(w, token));
        Assert.Equal((char)BackendMessageType.ReadyForQuery, (char)(await client.ReadUntilAsync(BackendMessageType.ReadyForQuery)).Last().Type);

        await client.SendAsync(w => QueryMessage.Write(w, Smuggle));
        await client.ReadUntilAsync(BackendMessageType.ReadyForQuery);
        await client.SendAsync(w => QueryMessage.Write(w, "SHOW default_transaction_read_only"));
        var rows = (await client.ReadUntilAsync(BackendMessageType.ReadyForQuery)).Where(m => m.Type == BackendMessageType.DataRow).ToList();

        Assert.Equal("on", FirstColumn(Assert.Single(rows).Payload));
    }

    /// <summary>DataRow: Int16 column count, then per column Int32 length and that many bytes.</summary>
    private static string FirstColumn(byte[] payload)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(2));
        return Encoding.UTF8.GetString(payload, 6, length);
    }
}
