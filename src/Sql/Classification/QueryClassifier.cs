using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>
/// Classes of a query or data-modifying statement (SELECT, VALUES, TABLE, WITH, INSERT, UPDATE, DELETE,
/// MERGE), found by patterns anywhere in its tokens rather than by position, so a data-modifying
/// statement inside a CTE at any depth is seen (https://www.postgresql.org/docs/current/queries-with.html#QUERIES-WITH-MODIFYING).
/// The patterns use the key words each command cannot do without (INSERT INTO, DELETE FROM, MERGE INTO,
/// UPDATE ... SET), so they cannot be dodged by where the command stands; the price is that a column
/// named like a key word (<c>SELECT delete FROM t</c>) can make a read look like a write, which fails safe.
/// </summary>
internal static class QueryClassifier
{
    public static StatementClasses Classify(TokenList tokens, int first, int end)
    {
        var classes = StatementClasses.None;
        if (tokens.IsOpen(first) || tokens.IsAnyWord(first, "select", "values", "table") || tokens.IsWord(first, "with"))
        {
            classes |= StatementClasses.Read;
        }
        Span<char> buffer = stackalloc char[8];
        for (var i = first; i < end; i++)
        {
            // Every key word below has 4 to 6 letters: filter on length before folding (this runs on every token).
            if (!tokens.IsWordToken(i) || tokens[i].Length is < 4 or > 6 || tokens.IsPunctuation(i - 1, '.') || tokens.IsPunctuation(i + 1, '.'))
            {
                continue;
            }
            switch (tokens.LowerWord(i, buffer))
            {
                case "insert" when tokens.IsWord(i + 1, "into"):
                    classes |= StatementClasses.Write;
                    break;
                case "merge" when tokens.IsWord(i + 1, "into"):
                    classes |= StatementClasses.Write | (MergeDeletes(tokens, i, end) ? StatementClasses.Destructive : 0);
                    break;
                case "delete" when tokens.IsWord(i + 1, "from"):
                    classes |= StatementClasses.Write | (HasWhere(tokens, i, end) ? 0 : StatementClasses.Destructive);
                    break;
                case "update":
                    classes |= ClassifyUpdate(tokens, first, i, end);
                    break;
                case "share" when tokens.IsWord(i - 1, "for") || (tokens.IsWord(i - 1, "key") && tokens.IsWord(i - 2, "for")):
                    // FOR SHARE / FOR KEY SHARE lock rows by writing their headers; PostgreSQL refuses them
                    // in a read-only transaction (https://www.postgresql.org/docs/current/sql-select.html#SQL-FOR-UPDATE-SHARE).
                    classes |= StatementClasses.Write;
                    break;
                case "into" when !tokens.IsAnyWord(i - 1, "insert", "merge"):
                    // SELECT ... INTO new_table creates and fills a table (https://www.postgresql.org/docs/current/sql-selectinto.html).
                    classes |= StatementClasses.Ddl | StatementClasses.Write;
                    break;
            }
        }
        return classes;
    }

    private static StatementClasses ClassifyUpdate(TokenList tokens, int first, int i, int end)
    {
        // "SELECT 1 AS update" names a column; but in "PREPARE p AS UPDATE ..." the UPDATE starts the statement.
        if (i != first && tokens.IsWord(i - 1, "as"))
        {
            return StatementClasses.None;
        }
        // FOR UPDATE / FOR NO KEY UPDATE lock rows; ON CONFLICT DO UPDATE and MERGE ... THEN UPDATE
        // change only the rows they matched.
        if (tokens.IsAnyWord(i - 1, "for", "key") || tokens.IsAnyWord(i - 1, "do", "then"))
        {
            return StatementClasses.Write;
        }
        var isStatement = i == first || tokens.IsOpen(i - 1) || tokens.IsClose(i - 1) || IsUpdateTargetThenSet(tokens, i + 1, end);
        if (!isStatement)
        {
            return StatementClasses.None;
        }
        return StatementClasses.Write | (HasWhere(tokens, i, end) ? 0 : StatementClasses.Destructive);
    }

    /// <summary><c>[ONLY] name[.name...] [*] [[AS] alias] SET</c> after UPDATE (https://www.postgresql.org/docs/current/sql-update.html).</summary>
    internal static bool IsUpdateTargetThenSet(TokenList tokens, int i, int end)
    {
        for (var limit = Math.Min(end, i + 10); i < limit; i++)
        {
            if (tokens.IsWord(i, "set"))
            {
                return true;
            }
            var kind = tokens[i].Kind;
            var partOfTarget = kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.UnicodeQuotedIdentifier
                || tokens.IsPunctuation(i, '.') || tokens.IsOperator(i, "*");
            if (!partOfTarget)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the DELETE or UPDATE at <paramref name="command"/> has its own WHERE (at its own paren depth,
    /// not one in a subquery) that is not a constant truth like <c>WHERE true</c> or <c>WHERE 1 = 1</c>.
    /// Best effort: <c>WHERE id = id</c> still passes, so row limits remain the real guard.
    /// </summary>
    internal static bool HasWhere(TokenList tokens, int command, int end)
    {
        var where = tokens.IndexOfWordAtDepth(command + 1, end, "where");
        return where >= 0 && !WhereClause.MayMatchEveryRow(tokens, where + 1, end);
    }

    /// <summary>MERGE ... WHEN MATCHED THEN DELETE removes every row its join matches.</summary>
    internal static bool MergeDeletes(TokenList tokens, int merge, int end)
    {
        for (var i = merge + 1; i < end; i++)
        {
            if (tokens.IsWord(i, "delete") && tokens.IsWord(i - 1, "then"))
            {
                return true;
            }
        }
        return false;
    }
}
