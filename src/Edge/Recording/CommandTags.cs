namespace Warden.Edge.Recording;

/// <summary>Reads the row count out of a CommandComplete tag ("SELECT 5", "INSERT 0 1", "UPDATE 3", "COPY 10").</summary>
internal static class CommandTags
{
    /// <summary>The count for commands whose tag ends in one; null for tags without a count (CREATE TABLE, BEGIN).</summary>
    public static long? Rows(string tag)
    {
        var space = tag.LastIndexOf(' ');
        if (space < 0 || !long.TryParse(tag.AsSpan(space + 1), System.Globalization.NumberStyles.None, null, out var rows))
        {
            return null;
        }
        var command = tag.AsSpan(0, tag.IndexOf(' '));
        return command is "SELECT" or "INSERT" or "UPDATE" or "DELETE" or "MERGE" or "COPY" or "FETCH" or "MOVE" ? rows : null;
    }
}
