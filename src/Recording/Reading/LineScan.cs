namespace Warden.Recording;

/// <summary>Where the lines of a part are, found in one pass without decoding: how many complete lines,
/// where the last one starts and ends, and how many bytes are whole lines (the rest is a torn tail).</summary>
internal readonly record struct LineScan(long Lines, long LastLineStart, long ValidLength, long Length)
{
    /// <summary>Length of the last complete line without its newline; -1 when there is none.</summary>
    public long LastLineLength => Lines == 0 ? -1 : ValidLength - 1 - LastLineStart;

    public bool IsTorn => ValidLength != Length;

    public static async Task<LineScan> ScanAsync(Stream stream, long limit, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long lines = 0, lastStart = 0, lineStart = 0, valid = 0, position = 0;
        int read;
        while (position < limit
               && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - position)), ct).ConfigureAwait(false)) > 0)
        {
            var offset = 0;
            int newline;
            while ((newline = buffer.AsSpan(offset, read - offset).IndexOf((byte)'\n')) >= 0)
            {
                lines++;
                lastStart = lineStart;
                offset += newline + 1;
                lineStart = valid = position + offset;
            }

            position += read;
        }

        return new LineScan(lines, lastStart, valid, position);
    }
}
