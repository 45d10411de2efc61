using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Warden.Recording.Tests.Fixtures;

namespace Warden.Recording.Tests.Format;

public class RecordingFormatTests
{
    private static readonly Guid Session = Guid.Parse("5c0e8a8e-2f1d-4c52-9d3b-0a4c1e2f3a4b");

    private static RecordingEvent[] Events() => [.. TestEvents.AllKinds(Session), TestEvents.Seal(new string('a', 64))];

    /// <summary>Each event (by index, since statements appear more than once) with its kind for the test name.</summary>
    public static TheoryData<int, string> EventKinds()
    {
        var data = new TheoryData<int, string>();
        foreach (var (e, i) in Events().Select((e, i) => (e, i)))
        {
            data.Add(i, e.GetType().Name);
        }

        return data;
    }

    private static RecordedLine Line(RecordingEvent e, long seq = 0) =>
        new(Session, seq, 7, RecordingFormat.GenesisHash(Session), TestEvents.Start, e);

    [Theory]
    [MemberData(nameof(EventKinds))]
    public void Serialize_EveryKind_RoundTripsToTheSameBytes(int index, string kind)
    {
        var original = Line(Events()[index], seq: 4);
        Assert.Equal(kind, original.Event.GetType().Name);
        var bytes = RecordingFormat.Serialize(original);

        var parsed = RecordingFormat.Parse(Encoding.UTF8.GetString(bytes));

        Assert.Equal(original.Event.GetType(), parsed.Event.GetType());
        Assert.Equal((original.SessionId, original.Sequence, original.SourceSequence, original.PreviousHash, original.At),
            (parsed.SessionId, parsed.Sequence, parsed.SourceSequence, parsed.PreviousHash, parsed.At));
        Assert.Equal(bytes, RecordingFormat.Serialize(parsed));
        Assert.DoesNotContain((byte)'\n', bytes);
    }

    [Fact]
    public void Serialize_EnvelopeComesFirstInAFixedOrder()
    {
        var text = Encoding.UTF8.GetString(RecordingFormat.Serialize(Line(TestEvents.Closed())));

        Assert.StartsWith(
            "{\"v\":1,\"session\":\"5c0e8a8e-2f1d-4c52-9d3b-0a4c1e2f3a4b\",\"seq\":0,\"src\":7,\"prev\":\""
            + RecordingFormat.GenesisHash(Session) + "\",\"at\":\"2025-03-04T10:00:00.0000000Z\",\"type\":\"session.closed\",\"reason\":\"client terminated\"}",
            text);
    }

    [Fact]
    public void Serialize_TypeNamesAreTheDocumentedOnes()
    {
        string TypeOf(RecordingEvent e) => JsonDocument.Parse(RecordingFormat.Serialize(Line(e))).RootElement.GetProperty("type").GetString()!;

        Assert.Equal(
            ["session.opened", "statement", "result", "statement", "statement", "error", "approval.requested", "approval.decided", "session.closed", "seal"],
            TestEvents.AllKinds(Session).Append(TestEvents.Seal(new string('a', 64))).Select(TypeOf));
    }

    [Fact]
    public void Serialize_NullsAreOmitted()
    {
        var json = JsonDocument.Parse(RecordingFormat.Serialize(Line(TestEvents.Select()))).RootElement;

        Assert.False(json.TryGetProperty("reason", out _));
        Assert.False(json.TryGetProperty("parameterTypes", out _));
        Assert.Equal("SELECT id, email FROM customers LIMIT 2", json.GetProperty("sql").GetString());
        Assert.Equal(JsonValueKind.False, json.GetProperty("cached").ValueKind);
    }

    [Fact]
    public void Serialize_NonAsciiAndNewlinesStayOnOneReadableLine()
    {
        var text = Encoding.UTF8.GetString(RecordingFormat.Serialize(Line(TestEvents.Select("SELECT 'é<>'\nFROM t"))));

        Assert.Contains("SELECT 'é<>'\\nFROM t", text, StringComparison.Ordinal);
        Assert.Equal("SELECT 'é<>'\nFROM t", ((StatementRecorded)RecordingFormat.Parse(text).Event).Sql);
    }

    [Fact]
    public void GenesisHash_IsSha256OfThePrefixedSessionId()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("warden-recording:v1:5c0e8a8e-2f1d-4c52-9d3b-0a4c1e2f3a4b")));

        Assert.Equal(expected, RecordingFormat.GenesisHash(Session));
        Assert.NotEqual(RecordingFormat.GenesisHash(Session), RecordingFormat.GenesisHash(Guid.NewGuid()));
    }

    [Fact]
    public void HashLine_IsLowercaseHexSha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RecordingFormat.HashLine("abc"u8));
        Assert.Equal(RecordingFormat.HashLine("é"u8), RecordingFormat.HashLine("é"));
    }

    [Fact]
    public void Parse_UnknownFieldsAreIgnored()
    {
        var text = Encoding.UTF8.GetString(RecordingFormat.Serialize(Line(TestEvents.Error())));
        var extended = text[..^1] + ",\"later\":{\"nested\":[1,2,{\"x\":null}]},\"note\":\"x\"}";

        var parsed = RecordingFormat.Parse(extended);

        Assert.Equal(TestEvents.Error(), parsed.Event);
    }

    [Theory]
    [InlineData(2, "format version 2 is not supported")]
    [InlineData(0, "format version 0 is not supported")]
    public void Parse_OtherVersion_IsRefusedClearly(int version, string message)
    {
        var text = Encoding.UTF8.GetString(RecordingFormat.Serialize(Line(TestEvents.Closed())));

        var e = Assert.Throws<RecordingFormatException>(() => RecordingFormat.Parse(text.Replace("{\"v\":1,", $"{{\"v\":{version},", StringComparison.Ordinal)));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty line")]
    [InlineData("{\"v\":1", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"session\":\"5c0e8a8e-2f1d-4c52-9d3b-0a4c1e2f3a4b\"}", "missing format version")]
    [InlineData("{\"v\":1,\"seq\":0}", "missing \"session\"")]
    public void Parse_Malformed_SaysWhatIsWrong(string text, string message)
    {
        var e = Assert.Throws<RecordingFormatException>(() => RecordingFormat.Parse(text));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"type\":\"session.closed\"", "\"type\":\"session.exploded\"")]
    [InlineData("\"type\":\"session.closed\",", "")]
    [InlineData("\"prev\":\"", "\"prev\":\"X")]
    public void Parse_BadEventOrEnvelope_Throws(string find, string replace)
    {
        var text = Encoding.UTF8.GetString(RecordingFormat.Serialize(Line(TestEvents.Closed())));

        Assert.Throws<RecordingFormatException>(() => RecordingFormat.Parse(text.Replace(find, replace, StringComparison.Ordinal)));
    }
}
