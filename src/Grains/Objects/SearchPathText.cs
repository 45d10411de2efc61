using System.Collections.Immutable;
using System.Text;

namespace Warden.Grains.Objects;

/// <summary>
/// Parses a search_path value as the server prints it (<c>SHOW search_path</c>: <c>"$user", public</c>):
/// comma-separated, double-quoted names exact (with <c>""</c> for a quote), unquoted names folded to lower case
/// (ASCII only, as PostgreSQL's SplitIdentifierString does).
/// https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-SEARCH-PATH
/// </summary>
internal static class SearchPathText
{
    /// <summary>The schemas in order, or null when the text is not a valid search_path.</summary>
    public static ImmutableArray<string>? Parse(string text)
    {
        var parts = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        SkipSpace(text, ref i);
        if (i == text.Length)
        {
            return parts.ToImmutable(); // an empty path is valid: only pg_temp and pg_catalog are searched
        }
        while (true)
        {
            SkipSpace(text, ref i);
            var name = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return null;
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            name.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    name.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
                {
                    var c = text[i++];
                    name.Append(c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
                }
            }
            if (name.Length == 0)
            {
                return null;
            }
            parts.Add(name.ToString());
            SkipSpace(text, ref i);
            if (i == text.Length)
            {
                return parts.ToImmutable();
            }
            if (text[i] != ',')
            {
                return null;
            }
            i++;
        }
    }

    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }
}
