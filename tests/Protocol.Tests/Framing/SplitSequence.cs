using System.Buffers;

namespace Warden.Protocol.Tests.Framing;

/// <summary>Builds a ReadOnlySequence from a byte array cut into segments, to test parsers across segment boundaries.</summary>
internal sealed class SplitSequence : ReadOnlySequenceSegment<byte>
{
    private SplitSequence(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>The bytes as two segments split at <paramref name="offset"/> (an empty segment when it is 0 or the length).</summary>
    public static ReadOnlySequence<byte> At(byte[] bytes, int offset)
    {
        var first = new SplitSequence(bytes.AsMemory(0, offset), 0);
        var second = new SplitSequence(bytes.AsMemory(offset), offset);
        first.Next = second;
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }
}
