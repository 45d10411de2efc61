using System.Buffers;
using Warden.Protocol.Framing;
using Warden.Protocol.Messages;

namespace Warden.Protocol.Tests.Messages;

public sealed class MessageParsingTests
{
    private static ReadOnlySequence<byte> Payload(Action<ArrayBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        Assert.True(FrameReader.TryReadFrame(ref buffer, 1 << 20, out var frame));
        return frame.Payload;
    }

    [Fact]
    public void ErrorResponse_WriteThenParse_RoundTripsFields()
    {
        var original = ErrorResponse.Create(ErrorResponse.Error, "42501", "statement denied by rule \"ci\"", detail: "d", hint: "h");
        var parsed = ErrorResponse.Parse(Payload(w => original.Write(w)));
        Assert.Equal("42501", parsed.SqlState);
        Assert.Equal("statement denied by rule \"ci\"", parsed.Message);
        Assert.Equal("h", parsed.Get(ErrorResponse.HintField));
        Assert.Equal("ERROR", parsed.Get(ErrorResponse.SeverityNonLocalizedField));
    }

    [Fact]
    public void StartupMessage_DuplicateParameter_IsMalformed()
    {
        byte[] body = [0, 3, 0, 0, (byte)'u', 0, (byte)'a', 0, (byte)'u', 0, (byte)'b', 0, 0];
        Assert.Throws<ProtocolException>(() => StartupMessage.Parse(new ReadOnlySequence<byte>(body)));
    }

    [Fact]
    public void StartupMessage_MissingFinalTerminator_IsMalformed()
    {
        byte[] body = [0, 3, 0, 0, (byte)'u', 0, (byte)'a'];
        Assert.Throws<ProtocolException>(() => StartupMessage.Parse(new ReadOnlySequence<byte>(body)));
    }

    [Fact]
    public void StartupMessage_Protocol32_ReportsMinorVersion()
    {
        byte[] body = [0, 3, 0, 2, 0];
        var startup = StartupMessage.Parse(new ReadOnlySequence<byte>(body));
        Assert.Equal((3, 2), (startup.MajorVersion, startup.MinorVersion));
    }

    [Fact]
    public void QueryMessage_TrailingBytesAfterText_IsMalformed()
    {
        byte[] payload = [(byte)'x', 0, (byte)'y'];
        Assert.Throws<ProtocolException>(() => QueryMessage.ParseText(new ReadOnlySequence<byte>(payload)));
    }

    [Fact]
    public void ParseMessage_TruncatedParameterTypes_IsMalformed()
    {
        byte[] payload = [0, (byte)'x', 0, 0, 2, 0, 0, 0, 23];
        var error = Assert.Throws<ProtocolException>(() => ParseMessage.Parse(new ReadOnlySequence<byte>(payload)));
        Assert.Equal("08P01", error.SqlState);
    }

    [Fact]
    public void ParseMessage_NegativeParameterCount_IsMalformed()
    {
        byte[] payload = [0, (byte)'x', 0, 0xff, 0xff];
        Assert.Throws<ProtocolException>(() => ParseMessage.Parse(new ReadOnlySequence<byte>(payload)));
    }

    [Fact]
    public void CancelRequest_WriteThenParse_RoundTrips()
    {
        var writer = new ArrayBufferWriter<byte>();
        new CancelRequest(1234, -99).Write(writer);
        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        Assert.True(FrameReader.TryReadStartupPacket(ref buffer, 16, out var body));
        Assert.Equal(new CancelRequest(1234, -99), CancelRequest.Parse(body));
    }

    [Fact]
    public void NegotiateProtocolVersion_ListsUnrecognizedOptions()
    {
        var payload = Payload(w => BackendMessages.WriteNegotiateProtocolVersion(w, 0, ["_pq_.grease"]));
        var reader = new PayloadReader(payload);
        Assert.Equal(0, reader.ReadInt32());
        Assert.Equal(1, reader.ReadInt32());
        Assert.Equal("_pq_.grease", reader.ReadCString());
        Assert.True(reader.End);
    }
}
