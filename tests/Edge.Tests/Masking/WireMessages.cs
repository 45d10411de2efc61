using System.Buffers;
using System.Text;
using Warden.Edge.Masking;
using Warden.Protocol.Framing;
using Warden.Protocol.Messages;

namespace Warden.Edge.Tests.Masking;

/// <summary>A server's reply stream, message by message, as bytes.</summary>
internal sealed class ServerStream
{
    private readonly ArrayBufferWriter<byte> _bytes = new();

    public ServerStream Describe(params RowField[] fields)
    {
        new RowDescription(fields).Write(_bytes);
        return this;
    }

    public ServerStream Row(params string?[] values) => RowBytes([.. values.Select(v => v is null ? null : Encoding.UTF8.GetBytes(v))]);

    public ServerStream RowBytes(params byte[]?[] values)
    {
        DataRow.Write(_bytes, values);
        return this;
    }

    public ServerStream Complete(string tag) => Message(BackendMessageType.CommandComplete, [.. Encoding.UTF8.GetBytes(tag), 0]);

    public ServerStream Ready(char status = 'I') => Message(BackendMessageType.ReadyForQuery, [(byte)status]);

    public ServerStream ParseComplete() => Message(BackendMessageType.ParseComplete, []);

    public ServerStream BindComplete() => Message(BackendMessageType.BindComplete, []);

    public ServerStream CloseComplete() => Message(BackendMessageType.CloseComplete, []);

    public ServerStream NoData() => Message(BackendMessageType.NoData, []);

    public ServerStream ParameterDescription() => Message(BackendMessageType.ParameterDescription, [0, 0]);

    public ServerStream Suspended() => Message(BackendMessageType.PortalSuspended, []);

    public ServerStream CopyIn() => Message(BackendMessageType.CopyInResponse, [0, 0, 0]);

    public ServerStream ParameterStatus(string name, string value) =>
        Message(BackendMessageType.ParameterStatus, [.. Encoding.UTF8.GetBytes(name), 0, .. Encoding.UTF8.GetBytes(value), 0]);

    public ServerStream Notice() => Message(BackendMessageType.NoticeResponse, [(byte)'M', (byte)'x', 0, 0]);

    public ServerStream Error(string sqlState = "42P01")
    {
        ErrorResponse.Create(ErrorResponse.Error, sqlState, "relation does not exist").Write(_bytes);
        return this;
    }

    public ServerStream Message(byte type, byte[] payload)
    {
        MessageWriter.WriteHeader(_bytes, type, payload.Length);
        MessageWriter.WriteBytes(_bytes, payload);
        return this;
    }

    public byte[] ToArray() => _bytes.WrittenSpan.ToArray();
}

/// <summary>Client messages' payloads, as the relay hands them to the tracker.</summary>
internal static class ClientPayloads
{
    public static ReadOnlySequence<byte> Of(Action<ArrayBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        var buffer = new ReadOnlySequence<byte>(writer.WrittenMemory);
        Assert.True(FrameReader.TryReadFrame(ref buffer, 1 << 20, out var frame));
        return frame.Payload;
    }

    public static void Bind(this ReplyTracker tracker, string portal, string statement, params short[] formats) =>
        tracker.Sent(FrontendMessageType.Bind, Of(w => new BindMessage(portal, statement, formats).Write(w)));

    public static void DescribePortal(this ReplyTracker tracker, string portal) =>
        tracker.Sent(FrontendMessageType.Describe, Of(w => new DescribeMessage(DescribeMessage.Portal, portal).Write(w)));

    public static void DescribeStatement(this ReplyTracker tracker, string statement) =>
        tracker.Sent(FrontendMessageType.Describe, Of(w => new DescribeMessage(DescribeMessage.Statement, statement).Write(w)));

    public static void CloseStatement(this ReplyTracker tracker, string statement) =>
        tracker.Sent(FrontendMessageType.Close, Of(w => new CloseMessage(DescribeMessage.Statement, statement).Write(w)));

    public static void Execute(this ReplyTracker tracker, string portal) => tracker.ExecuteSent(Of(w => new ExecuteMessage(portal, 0).Write(w)));

    public static void CopyDone(this ReplyTracker tracker) => tracker.Sent(FrontendMessageType.CopyDone, ReadOnlySequence<byte>.Empty);
}

/// <summary>Feeds a reply stream to a sampler as the relay does: whole messages, out of a buffer that may be cut anywhere.</summary>
internal static class Feed
{
    /// <summary>The samples of every result (null where a result got none), reading <paramref name="stream"/> as two segments cut at <paramref name="cut"/>.</summary>
    public static List<ResultSample?> Replies(ResultSampler sampler, byte[] stream, int cut = 0)
    {
        var samples = new List<ResultSample?>();
        var buffer = TwoSegments(stream, Math.Clamp(cut, 0, stream.Length));
        while (FrameReader.TryReadFrame(ref buffer, 1 << 20, out var frame))
        {
            sampler.Observe(frame.Type, frame.Payload);
            if (frame.Type is BackendMessageType.CommandComplete or BackendMessageType.EmptyQueryResponse
                or BackendMessageType.PortalSuspended or BackendMessageType.FunctionCallResponse)
            {
                samples.Add(sampler.TakeSample());
            }
        }
        Assert.True(buffer.IsEmpty);
        return samples;
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int cut)
    {
        var first = new Segment(bytes.AsMemory(0, cut), 0);
        var second = new Segment(bytes.AsMemory(cut), cut);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public new Segment? Next
        {
            get => (Segment?)base.Next;
            set => base.Next = value;
        }
    }
}
