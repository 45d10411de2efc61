using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>
/// Best-effort test of whether a DELETE/UPDATE condition can match every row, which makes the statement
/// destructive. A condition, or any top-level OR branch of it, that names no column cannot tell rows
/// apart: <c>WHERE true</c>, <c>WHERE 2 &gt; 1</c>, <c>WHERE id = 1 OR true</c>, <c>WHERE EXISTS (SELECT 1)</c>.
/// Conditions over columns that happen to hold for every row (<c>WHERE id &gt; 0</c>) cannot be seen in the text.
/// </summary>
internal static class WhereClause
{
    /// <summary>Words in a condition that are syntax or constants, not column names.</summary>
    private static readonly HashSet<string> NotColumns = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "unknown", "and", "or", "not", "is", "isnull", "notnull", "in", "between",
        "symmetric", "like", "ilike", "similar", "to", "escape", "any", "all", "some", "exists", "case", "when",
        "then", "else", "end", "cast", "as", "distinct", "from", "collate", "array", "row", "interval",
        "select", "values", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
        "current_user", "session_user", "current_role", "user",
    };

    /// <summary>True when the condition starting at <paramref name="start"/> may hold for every row.</summary>
    public static bool MayMatchEveryRow(TokenList tokens, int start, int end)
    {
        var depth = 0;
        var branchNamesColumn = false;
        for (var i = start; i < end; i++)
        {
            if (tokens.IsOpen(i))
            {
                depth++;
                continue;
            }
            if (tokens.IsClose(i))
            {
                if (depth-- == 0)
                {
                    break; // the end of a CTE or subquery holding the statement
                }
                continue;
            }
            if (depth == 0 && tokens.IsWord(i, "returning"))
            {
                break;
            }
            if (depth == 0 && tokens.IsWord(i, "or"))
            {
                if (!branchNamesColumn)
                {
                    return true;
                }
                branchNamesColumn = false;
                continue;
            }
            branchNamesColumn |= IsColumnReference(tokens, i);
        }
        return !branchNamesColumn;
    }

    private static bool IsColumnReference(TokenList tokens, int i)
    {
        var kind = tokens[i].Kind;
        if (kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.UnicodeQuotedIdentifier) || tokens.IsOpen(i + 1))
        {
            return false; // literals, operators, and function names
        }
        if (i > 0 && (tokens.IsPunctuation(i - 1, "::") || tokens.IsOperator(i - 1, "::")))
        {
            return false; // a type name in a cast
        }
        if (kind != SqlTokenKind.Word)
        {
            return true;
        }
        // Folded into a stack buffer: this runs for every word of a condition, twice per DELETE/UPDATE
        // (the classifier and the relation scan), so it must not allocate.
        Span<char> buffer = stackalloc char[17];
        var word = tokens.LowerWord(i, buffer);
        return word.IsEmpty || !NotColumns.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }
}
