using System.Text;

namespace Warden.Policy.Access;

/// <summary>
/// A <c>schema.table</c> pattern where <c>*</c> stands for any run of characters within one part
/// (<c>billing.*</c>, <c>*.audit_*</c>). Parts are written as in SQL: an unquoted part is folded to lower
/// case (ASCII letters only, as PostgreSQL's downcase_identifier does in UTF-8), so <c>Billing.*</c> matches
/// schema <c>billing</c>; a double-quoted part (<c>"Billing".*</c>, <c>"a.b"."x*y"</c>) is matched exactly,
/// with no wildcards and <c>""</c> standing for one quote. Matched ordinally against catalog names.
/// </summary>
public sealed class ObjectPattern
{
    private ObjectPattern(string text, Part schema, Part table)
    {
        Text = text;
        Schema = schema;
        Table = table;
    }

    /// <summary>The pattern as written in the policy (reported as the deciding entry).</summary>
    public string Text { get; }

    private Part Schema { get; }

    private Part Table { get; }

    public bool IsMatch(string schema, string table) => Schema.IsMatch(schema) && Table.IsMatch(table);

    public override string ToString() => Text;

    internal static bool TryParse(string text, out ObjectPattern? pattern, out string? error)
    {
        pattern = null;
        var parts = new List<Part>(2);
        var at = 0;
        while (true)
        {
            if (!TryReadPart(text, ref at, out var part, out var problem))
            {
                error = $"invalid match pattern '{text}': {problem}";
                return false;
            }
            parts.Add(part);
            if (at == text.Length)
            {
                break;
            }
            at++; // the '.' TryReadPart stopped at
        }
        if (parts.Count != 2)
        {
            error = $"invalid match pattern '{text}': expected schema.table, e.g. billing.* or public.orders";
            return false;
        }
        error = null;
        pattern = new ObjectPattern(text, parts[0], parts[1]);
        return true;
    }

    /// <summary>Reads one part up to the next '.' outside quotes (or the end).</summary>
    private static bool TryReadPart(string text, ref int at, out Part part, out string? problem)
    {
        part = default;
        if (at < text.Length && text[at] == '"')
        {
            var exact = new StringBuilder();
            var i = at + 1;
            while (true)
            {
                if (i >= text.Length)
                {
                    problem = "unterminated quoted identifier";
                    return false;
                }
                if (text[i] == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        exact.Append('"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                exact.Append(text[i++]);
            }
            if (exact.Length == 0)
            {
                problem = "a quoted identifier cannot be empty";
                return false;
            }
            if (i < text.Length && text[i] != '.')
            {
                problem = "a quoted part must be the whole part (wildcards apply to unquoted parts only)";
                return false;
            }
            at = i;
            part = new Part(exact.ToString(), Exact: true);
            problem = null;
            return true;
        }
        var end = text.IndexOf('.', at);
        if (end < 0)
        {
            end = text.Length;
        }
        var raw = text[at..end];
        if (raw.Length == 0 || !raw.All(IsPatternChar))
        {
            problem = "each part needs letters, digits, '_', '$' or '*' wildcards, or a double-quoted name";
            return false;
        }
        at = end;
        part = new Part(FoldAscii(raw), Exact: false);
        problem = null;
        return true;
    }

    private static bool IsPatternChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '*';

    /// <summary>PostgreSQL folds only ASCII A-Z in unquoted identifiers (UTF-8 server encoding).</summary>
    private static string FoldAscii(string part) =>
        string.Create(part.Length, part, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            }
        });

    private readonly record struct Part(string Pattern, bool Exact)
    {
        public bool IsMatch(string name) => Exact ? string.Equals(Pattern, name, StringComparison.Ordinal) : GlobMatches(Pattern, name);
    }

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
