using System.Buffers;

namespace Warden.Recording;

/// <summary>Lines built for one store append, kept byte for byte until stored, so a retry sends exactly
/// the bytes a failed attempt may already have stored (an append-position check compares them).</summary>
internal sealed class LineBatch
{
    private LineBatch(ReadOnlyMemory<byte> bytes, int[] lineEnds, string[] hashes, long firstSequence, long sourceSequence, RecordingSealed? seal, bool endsWithClose)
    {
        EndsWithClose = endsWithClose;
        Bytes = bytes;
        LineEnds = lineEnds;
        Hashes = hashes;
        FirstSequence = firstSequence;
        SourceSequence = sourceSequence;
        Seal = seal;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Offset just past each line's newline.</summary>
    public int[] LineEnds { get; }

    public string[] Hashes { get; }

    public int Count => Hashes.Length;

    public long FirstSequence { get; }

    public long SourceSequence { get; }

    /// <summary>The batch ends with the session-closed event.</summary>
    public bool EndsWithClose { get; }

    /// <summary>The seal, when the batch ends with one.</summary>
    public RecordingSealed? Seal { get; }

    public static LineBatch Build(Guid sessionId, IReadOnlyList<RecordingEvent> events, long firstSequence, string previousHash,
        long sourceSequence, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(events.Count * 384);
        var ends = new int[events.Count];
        var hashes = new string[events.Count];
        var previous = previousHash;
        for (var i = 0; i < events.Count; i++)
        {
            var start = buffer.WrittenCount;
            RecordingFormat.Write(new RecordedLine(sessionId, firstSequence + i, sourceSequence, previous, at, events[i]), buffer);
            previous = hashes[i] = RecordingFormat.HashLine(buffer.WrittenSpan[start..]);
            buffer.Write("\n"u8);
            ends[i] = buffer.WrittenCount;
        }

        return new LineBatch(buffer.WrittenMemory, ends, hashes, firstSequence, sourceSequence, events[^1] as RecordingSealed, events[^1] is SessionClosed);
    }

    /// <summary>The lines after the first <paramref name="stored"/> ones (those already landed).</summary>
    public LineBatch Skip(int stored)
    {
        var offset = LineEnds[stored - 1];
        return new LineBatch(Bytes[offset..], [.. LineEnds[stored..].Select(end => end - offset)], Hashes[stored..],
            FirstSequence + stored, SourceSequence, Seal, EndsWithClose);
    }
}
