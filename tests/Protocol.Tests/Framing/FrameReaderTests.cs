using System.Buffers;
using Warden.Protocol.Framing;
using Warden.Protocol.Messages;

namespace Warden.Protocol.Tests.Framing;

public sealed class FrameReaderTests
{
    private static byte[] Frames()
    {
        var writer = new ArrayBufferWriter<byte>();
        QueryMessage.Write(writer, "SELECT 1");
        new ParseMessage("s1", "SELECT $1::int", [23]).Write(writer);
        MessageWriter.WriteHeader(writer, FrontendMessageType.Sync, 0);
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void TryReadFrame_SplitAtEveryOffset_YieldsSameFrames()
    {
        var bytes = Frames();
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var buffer = SplitSequence.At(bytes, offset);
            var types = new List<char>();
            while (FrameReader.TryReadFrame(ref buffer, 1024, out var frame))
            {
                types.Add((char)frame.Type);
                if (frame.Type == FrontendMessageType.Parse)
                {
                    var parse = ParseMessage.Parse(frame.Payload);
                    Assert.Equal("SELECT $1::int", parse.Query);
                    Assert.Equal([23], parse.ParameterTypes);
                }
                if (frame.Type == FrontendMessageType.Query)
                {
                    Assert.Equal("SELECT 1", QueryMessage.ParseText(frame.Payload));
                }
            }
            Assert.Equal(['Q', 'P', 'S'], types);
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void TryReadFrame_EveryPrefix_WaitsWithoutConsuming()
    {
        var bytes = Frames();
        var firstLength = 5 + "SELECT 1".Length + 1;
        for (var length = 0; length < firstLength; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.False(FrameReader.TryReadFrame(ref buffer, 1024, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void TryReadHeader_LengthOverLimit_Throws08P01BeforeBodyArrives()
    {
        byte[] header = [(byte)'Q', 0x7f, 0xff, 0xff, 0xff];
        var error = Assert.Throws<ProtocolException>(() =>
            FrameReader.TryReadHeader(new ReadOnlySequence<byte>(header), 1 << 20, out _, out _));
        Assert.Equal("08P01", error.SqlState);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void TryReadHeader_DeclaredLengthBelowFour_Throws(int declared)
    {
        var header = new byte[5];
        header[0] = (byte)'Q';
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), declared);
        Assert.Throws<ProtocolException>(() => FrameReader.TryReadHeader(new ReadOnlySequence<byte>(header), 1024, out _, out _));
    }

    [Fact]
    public void TryReadStartupPacket_SplitAtEveryOffset_ParsesParameters()
    {
        var writer = new ArrayBufferWriter<byte>();
        StartupMessage.Write(writer, [new("user", "alice"), new("database", "demo"), new("application_name", "psql")]);
        var bytes = writer.WrittenSpan.ToArray();
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var buffer = SplitSequence.At(bytes, offset);
            Assert.True(FrameReader.TryReadStartupPacket(ref buffer, StartupCodes.MaxStartupPacketLength, out var body));
            var startup = StartupMessage.Parse(body);
            Assert.Equal(3, startup.MajorVersion);
            Assert.Equal(0, startup.MinorVersion);
            Assert.Equal("alice", startup.Get("user"));
            Assert.Equal("demo", startup.Get("database"));
            Assert.True(buffer.IsEmpty);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10_001)]
    public void TryReadStartupPacket_BadLength_Throws(int length)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.Throws<ProtocolException>(() => FrameReader.TryReadStartupPacket(ref buffer, StartupCodes.MaxStartupPacketLength, out _));
    }
}
