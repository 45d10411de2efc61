using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Warden.Recording;

/// <summary>Splits a sequence of byte streams (the parts of one recording, read in order) into lines.
/// A line may span two parts; bytes are decoded only once a line is complete.</summary>
internal static class LineSplitter
{
    private const int ChunkBytes = 64 * 1024;

    /// <param name="includeIncompleteTail">Yield trailing bytes without a newline as a last line. Stores do
    /// not (those bytes were never acknowledged); the replay CLI does, so a torn file is reported, not hidden.</param>
    public static async IAsyncEnumerable<string> ReadAsync(
        IEnumerable<Func<CancellationToken, Task<Stream>>> parts,
        bool includeIncompleteTail,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var carry = new ArrayBufferWriter<byte>();
        var chunk = new byte[ChunkBytes];
        var lines = new List<string>();
        foreach (var open in parts)
        {
            var stream = await open(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
                {
                    Split(chunk.AsSpan(0, read), carry, lines);
                    foreach (var line in lines)
                    {
                        yield return line;
                    }

                    lines.Clear();
                }
            }
        }

        if (includeIncompleteTail && carry.WrittenCount > 0)
        {
            yield return Encoding.UTF8.GetString(carry.WrittenSpan);
        }
    }

    internal static void Split(ReadOnlySpan<byte> chunk, ArrayBufferWriter<byte> carry, List<string> lines)
    {
        int newline;
        while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
        {
            if (carry.WrittenCount == 0)
            {
                lines.Add(Encoding.UTF8.GetString(chunk[..newline]));
            }
            else
            {
                carry.Write(chunk[..newline]);
                lines.Add(Encoding.UTF8.GetString(carry.WrittenSpan));
                carry.ResetWrittenCount();
            }

            chunk = chunk[(newline + 1)..];
        }

        if (carry.WrittenCount + chunk.Length > RecordingFormat.MaxLineBytes)
        {
            throw new RecordingFormatException($"a line is longer than the {RecordingFormat.MaxLineBytes}-byte limit");
        }

        carry.Write(chunk);
    }

    /// <summary>The last complete line of <paramref name="buffer"/> (which ends with '\n'), without the newline.</summary>
    internal static ReadOnlySpan<byte> LastLine(ReadOnlySpan<byte> buffer)
    {
        var body = buffer[..^1];
        return body[(body.LastIndexOf((byte)'\n') + 1)..];
    }
}
