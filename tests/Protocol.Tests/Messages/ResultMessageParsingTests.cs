using System.Buffers;
using Warden.Protocol.Framing;
using Warden.Protocol.Messages;
using Warden.Protocol.Tests.Framing;

namespace Warden.Protocol.Tests.Messages;

/// <summary>The messages that describe and carry result rows, and the extended-protocol messages that name them.</summary>
public sealed class ResultMessageParsingTests
{
    private static byte[] Frame(Action<ArrayBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The payload of the one frame in <paramref name="bytes"/>, read from a sequence cut at <paramref name="offset"/>.</summary>
    private static ReadOnlySequence<byte> PayloadSplitAt(byte[] bytes, int offset)
    {
        var buffer = SplitSequence.At(bytes, offset);
        Assert.True(FrameReader.TryReadFrame(ref buffer, 1 << 20, out var frame));
        Assert.True(buffer.IsEmpty);
        return frame.Payload;
    }

    private static readonly RowDescription Description = new(
    [
        new RowField("id", 16384, 1, 23, 4, -1, RowField.BinaryFormat),
        new RowField("émail", 16384, 3, 25, -1, -1, RowField.TextFormat),
        new RowField("?column?", 0, 0, 25, -1, -1, RowField.TextFormat),
        new RowField("big", uint.MaxValue, short.MaxValue, 4_000_000_000, 8, 42, RowField.TextFormat),
    ]);

    [Fact]
    public void RowDescription_WriteThenParse_RoundTripsAtEverySplit()
    {
        var bytes = Frame(w => Description.Write(w));
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var parsed = RowDescription.Parse(PayloadSplitAt(bytes, offset));
            Assert.Equal(Description.Fields, parsed.Fields);
        }
    }

    [Fact]
    public void RowDescription_Truncated_IsMalformed()
    {
        var bytes = Frame(w => Description.Write(w));
        var payload = new ReadOnlySequence<byte>(bytes.AsMemory(FrameReader.HeaderLength, bytes.Length - FrameReader.HeaderLength - 1));
        Assert.Equal("08P01", Assert.Throws<ProtocolException>(() => RowDescription.Parse(payload)).SqlState);
    }

    [Fact]
    public void RowDescription_NegativeCount_IsMalformed()
    {
        byte[] payload = [0xff, 0xff];
        Assert.Throws<ProtocolException>(() => RowDescription.Parse(new ReadOnlySequence<byte>(payload)));
    }

    [Fact]
    public void DataRow_WriteThenParse_RoundTripsNullsAndEmptyValuesAtEverySplit()
    {
        byte[]?[] values = [[0, 0, 0, 7], null, [], "x@y.org"u8.ToArray()];
        var bytes = Frame(w => DataRow.Write(w, values));
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var parsed = DataRow.ParseValues(PayloadSplitAt(bytes, offset));
            Assert.Equal(values.Length, parsed.Length);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.Equal(values[i], parsed[i]);
            }
        }
    }

    [Theory]
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 5, 1, 2 })]              // value shorter than its length
    [InlineData(new byte[] { 0, 1, 0xff, 0xff, 0xff, 0xfe })]        // length -2
    [InlineData(new byte[] { 0, 1, 0xff, 0xff, 0xff, 0xff, 9 })]     // trailing byte after a NULL
    [InlineData(new byte[] { 0x80, 0 })]                              // negative count
    public void DataRow_Malformed_IsMalformed(byte[] payload) =>
        Assert.Throws<ProtocolException>(() => DataRow.ParseValues(new ReadOnlySequence<byte>(payload)));

    [Fact]
    public void Bind_WithParameters_ReadsNamesAndResultFormatsOnly()
    {
        var writer = new ArrayBufferWriter<byte>();
        // portal "p1", statement "s1", 1 parameter format (binary), 2 parameters (4 bytes, NULL), 2 result formats.
        byte[] body =
        [
            (byte)'p', (byte)'1', 0, (byte)'s', (byte)'1', 0,
            0, 1, 0, 1,
            0, 2, 0, 0, 0, 4, 1, 2, 3, 4, 0xff, 0xff, 0xff, 0xff,
            0, 2, 0, 1, 0, 0,
        ];
        MessageWriter.WriteHeader(writer, FrontendMessageType.Bind, body.Length);
        MessageWriter.WriteBytes(writer, body);
        var bytes = writer.WrittenSpan.ToArray();
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            var bind = BindMessage.Parse(PayloadSplitAt(bytes, offset));
            Assert.Equal(("p1", "s1"), (bind.Portal, bind.Statement));
            Assert.Equal([1, 0], bind.ResultFormats);
        }
    }

    [Fact]
    public void Bind_WriteThenParse_RoundTrips()
    {
        var bind = new BindMessage("", "stmt", [1]);
        var parsed = BindMessage.Parse(PayloadSplitAt(Frame(w => bind.Write(w)), 3));
        Assert.Equal((bind.Portal, bind.Statement), (parsed.Portal, parsed.Statement));
        Assert.Equal(bind.ResultFormats, parsed.ResultFormats);
    }

    [Fact]
    public void Bind_ParameterLongerThanMessage_IsMalformed()
    {
        byte[] body = [0, 0, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff, 1];
        Assert.Throws<ProtocolException>(() => BindMessage.Parse(new ReadOnlySequence<byte>(body)));
    }

    [Fact]
    public void DescribeCloseExecute_WriteThenParse_RoundTrip()
    {
        Assert.Equal(new DescribeMessage(DescribeMessage.Portal, "p"), DescribeMessage.Parse(PayloadSplitAt(Frame(w => new DescribeMessage(DescribeMessage.Portal, "p").Write(w)), 2)));
        Assert.Equal(new CloseMessage(DescribeMessage.Statement, "s"), CloseMessage.Parse(PayloadSplitAt(Frame(w => new CloseMessage(DescribeMessage.Statement, "s").Write(w)), 6)));
        Assert.Equal(new ExecuteMessage("", 10), ExecuteMessage.Parse(PayloadSplitAt(Frame(w => new ExecuteMessage("", 10).Write(w)), 7)));
    }

    [Fact]
    public void Describe_UnknownTarget_IsMalformed()
    {
        byte[] payload = [(byte)'X', 0];
        Assert.Throws<ProtocolException>(() => DescribeMessage.Parse(new ReadOnlySequence<byte>(payload)));
    }
}
