namespace Warden.Edge.Masking;

/// <summary>
/// Whether SQL text may create, drop or replace prepared statements or portals behind the protocol's back:
/// SQL PREPARE, DEALLOCATE, DISCARD, DECLARE (a cursor is a portal) and CLOSE. A case-insensitive whole-word
/// search, strings and comments included: a false alarm only makes the edge forget descriptions it could have
/// kept (fewer samples), never use a stale one.
/// </summary>
internal static class NameChanges
{
    private static readonly string[] Words = ["prepare", "deallocate", "discard", "declare", "close"];

    public static bool Mentioned(string sql)
    {
        var text = sql.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }
            var word = text[start..i];
            if (word.Length is >= 5 and <= 10)
            {
                foreach (var candidate in Words)
                {
                    if (word.Equals(candidate, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
