namespace Warden.Recording;

/// <summary>Argument checks every appender makes: an append is whole lines, and says how many.</summary>
internal static class AppendChecks
{
    public static void Validate(ReadOnlySpan<byte> lines, int lineCount)
    {
        if (lines.IsEmpty || lines[^1] != (byte)'\n')
        {
            throw new ArgumentException("an append must be one or more whole lines, each ending in '\\n'", nameof(lines));
        }

        if (lines.Count((byte)'\n') != lineCount)
        {
            throw new ArgumentException($"the bytes hold {lines.Count((byte)'\n')} lines, not {lineCount}", nameof(lineCount));
        }
    }
}
