namespace Warden.Policy.Access;

/// <summary>
/// A <c>schema.table</c> pattern where <c>*</c> stands for any run of characters within one part
/// (<c>billing.*</c>, <c>*.audit_*</c>). Compared with catalog names exactly, so unquoted names are written in
/// lower case as PostgreSQL stores them.
/// </summary>
public sealed class ObjectPattern
{
    private ObjectPattern(string text, string schema, string table)
    {
        Text = text;
        SchemaPattern = schema;
        TablePattern = table;
    }

    public string Text { get; }

    private string SchemaPattern { get; }

    private string TablePattern { get; }

    public bool IsMatch(string schema, string table) =>
        GlobMatches(SchemaPattern, schema) && GlobMatches(TablePattern, table);

    public override string ToString() => Text;

    internal static bool TryParse(string text, out ObjectPattern? pattern, out string? error)
    {
        pattern = null;
        var parts = text.Split('.');
        if (parts.Length != 2)
        {
            error = $"invalid match pattern '{text}': expected schema.table, e.g. billing.* or public.orders";
            return false;
        }
        foreach (var part in parts)
        {
            if (part.Length == 0 || !part.All(IsPatternChar))
            {
                error = $"invalid match pattern '{text}': each part needs letters, digits, '_', '$' or '*' wildcards";
                return false;
            }
        }
        error = null;
        pattern = new ObjectPattern(text, parts[0], parts[1]);
        return true;
    }

    private static bool IsPatternChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '*';

    /// <summary>Glob match with '*' only; backtracks to the last star, so it runs in O(pattern × name).</summary>
    private static bool GlobMatches(string pattern, string name)
    {
        int p = 0, n = 0, starAt = -1, resumeAt = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starAt = p++;
                resumeAt = n;
            }
            else if (p < pattern.Length && pattern[p] == name[n])
            {
                p++;
                n++;
            }
            else if (starAt >= 0)
            {
                p = starAt + 1;
                n = ++resumeAt;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
