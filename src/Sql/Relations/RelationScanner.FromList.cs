using Warden.Sql.Lexing;

namespace Warden.Sql.Relations;

/// <summary>
/// FROM and USING lists: items (tables, subqueries, functions, parenthesised joins), aliases, joins and their
/// conditions (sql-select.html#SQL-FROM).
/// </summary>
internal sealed partial class RelationScanner
{
    /// <summary>
    /// A FROM list (or USING list): items joined by commas and JOINs, with their ON conditions. Returns the
    /// index of the first token after it.
    /// </summary>
    private int ScanFromList(int i, int end)
    {
        var pendingConditions = 0;
        i = ScanFromItem(i, end);
        while (i < end)
        {
            if (_tokens.IsPunctuation(i, ','))
            {
                i = ScanFromItem(i + 1, end);
            }
            else if (IsJoin(i, out var item, out var needsCondition))
            {
                pendingConditions += needsCondition ? 1 : 0;
                i = ScanFromItem(item, end);
            }
            else if (pendingConditions > 0 && _tokens.IsWord(i, "on"))
            {
                pendingConditions--;
                i = ScanCondition(i + 1, end);
            }
            else if (pendingConditions > 0 && _tokens.IsWord(i, "using") && _tokens.IsOpen(i + 1))
            {
                pendingConditions--;
                i = _tokens.MatchingClose(i + 1, end) + 1;
                if (_tokens.IsWord(i, "as"))
                {
                    i = AfterNamePart(i + 1);
                }
            }
            else
            {
                break;
            }
        }
        if (!EndsFromList(i, end))
        {
            _out.Incomplete("a FROM list the relation scan does not follow to its end");
        }
        return i;
    }

    /// <summary>What may follow a FROM or USING list: the end of its statement or parenthesis, or a clause key word.</summary>
    private bool EndsFromList(int i, int end)
    {
        if (i >= end || _tokens.IsClose(i))
        {
            return true;
        }
        Span<char> buffer = stackalloc char[10];
        return _tokens.LowerWord(i, buffer) is "where" or "group" or "having" or "window" or "order" or "limit" or "offset"
            or "fetch" or "for" or "union" or "intersect" or "except" or "returning" or "into" or "on" or "with";
    }

    /// <summary><c>[NATURAL] [INNER | CROSS | {LEFT | RIGHT | FULL} [OUTER]] JOIN</c> at <paramref name="i"/>.</summary>
    private bool IsJoin(int i, out int item, out bool needsCondition)
    {
        item = i;
        needsCondition = false;
        Span<char> buffer = stackalloc char[8];
        var word = _tokens.LowerWord(i, buffer);
        if (word is not ("join" or "natural" or "cross" or "inner" or "left" or "right" or "full"))
        {
            return false;
        }
        var j = i;
        var natural = word is "natural";
        if (natural)
        {
            word = _tokens.LowerWord(++j, buffer);
        }
        var cross = word is "cross";
        if (cross || word is "inner")
        {
            j++;
        }
        else if (word is "left" or "right" or "full")
        {
            j = _tokens.IsWord(j + 1, "outer") ? j + 2 : j + 1;
        }
        item = j + 1;
        needsCondition = !natural && !cross;
        return _tokens.IsWord(j, "join");
    }

    /// <summary>A join condition, up to what can follow it in a FROM list; returns that index.</summary>
    private int ScanCondition(int i, int end)
    {
        Span<char> buffer = stackalloc char[10];
        for (; i < end; i++)
        {
            var token = _tokens[i];
            if (token.Kind == SqlTokenKind.Punctuation)
            {
                if (_tokens.IsOpen(i))
                {
                    i = ScanParenthesized(i, end);
                }
                else if (_tokens.IsPunctuation(i, ','))
                {
                    return i;
                }
                continue;
            }
            if (token.Kind != SqlTokenKind.Word || token.Length is < 2 or > 9 || _tokens.IsPunctuation(i - 1, '.'))
            {
                continue;
            }
            var word = _tokens.LowerWord(i, buffer);
            switch (word)
            {
                case "join" or "natural" or "cross" or "inner" or "left" or "right" or "full" when IsJoin(i, out _, out _):
                    return i;
                case "on" or "using" or "where" or "group" or "having" or "window" or "order" or "limit" or "offset" or "fetch"
                    or "for" or "union" or "intersect" or "except" or "returning" or "into":
                    return i;
                default:
                    CheckWord(word, i, end);
                    break;
            }
        }
        return i;
    }

    /// <summary>
    /// One FROM item with its alias: <c>[LATERAL] (subquery)</c>, a parenthesised join, <c>ROWS FROM (...)</c>,
    /// a function call (not a relation), or <c>[ONLY] name [*]</c>. Returns the index after it.
    /// </summary>
    private int ScanFromItem(int i, int end)
    {
        if (_tokens.IsWord(i, "lateral"))
        {
            i++;
        }
        if (i >= end)
        {
            _out.Incomplete("a FROM list without an item");
            return i;
        }
        if (_tokens.IsOpen(i))
        {
            var close = _tokens.MatchingClose(i, end);
            if (IsSubqueryStart(i + 1, close))
            {
                ScanStatementBody(i + 1, close);
            }
            else if (Enter())
            {
                var rest = ScanFromList(i + 1, close);
                if (rest < close)
                {
                    _out.Incomplete("text the relation scan does not parse in a parenthesised FROM item");
                    ScanExpression(rest, close);
                }
                _depth--;
            }
            return ScanAlias(close + 1, end);
        }
        if (_tokens.IsWord(i, "rows") && _tokens.IsWord(i + 1, "from") && _tokens.IsOpen(i + 2))
        {
            return ScanAlias(ScanParenthesized(i + 2, end) + 1, end);
        }
        if (IsSqlValueFunction(i))
        {
            // FROM current_user, FROM current_date (3) ...: a function of the SQL standard's own syntax.
            return ScanAlias(_tokens.IsOpen(i + 1) ? ScanParenthesized(i + 1, end) + 1 : i + 1, end);
        }
        var only = _tokens.IsWord(i, "only");
        if (only)
        {
            i++;
        }
        var parenthesised = only && _tokens.IsOpen(i);
        var nameStart = parenthesised ? i + 1 : i;
        var nameEnd = NameEnd(nameStart, end, out var parts);
        if (parts > 0 && !only && _tokens.IsOpen(nameEnd))
        {
            // A function in FROM (generate_series, unnest, JSON_TABLE, XMLTABLE, ...): not a relation.
            return ScanAlias(ScanParenthesized(nameEnd, end) + 1, end);
        }
        var after = ReadRelation(nameStart, nameEnd, parts, Read, allowCte: true);
        if (after == nameStart)
        {
            return i;
        }
        if (parenthesised && _tokens.IsClose(after))
        {
            after++;
        }
        return ScanAlias(_tokens.IsOperator(after, "*") ? after + 1 : after, end);
    }

    private bool IsSqlValueFunction(int i)
    {
        if (_tokens[i].Kind != SqlTokenKind.Word || _tokens.IsPunctuation(i + 1, '.'))
        {
            return false;
        }
        Span<char> buffer = stackalloc char[17];
        return _tokens.LowerWord(i, buffer) is "current_user" or "current_role" or "session_user" or "user" or "system_user"
            or "current_catalog" or "current_schema" or "current_date" or "current_time" or "current_timestamp" or "localtime"
            or "localtimestamp";
    }

    /// <summary>
    /// <c>[WITH ORDINALITY] [[AS] alias [(columns)]] [TABLESAMPLE method (args) [REPEATABLE (seed)]]</c>.
    /// A bare alias is any name but a reserved word, which is what ends a FROM item.
    /// </summary>
    private int ScanAlias(int i, int end)
    {
        if (i >= end || !IsIdentifierToken(i))
        {
            return ScanAliasColumnsAndSample(i, end);
        }
        Span<char> buffer = stackalloc char[17];
        var word = _tokens[i].Kind == SqlTokenKind.Word ? _tokens.LowerWord(i, buffer) : [];
        if (word is "with" && _tokens.IsWord(i + 1, "ordinality"))
        {
            i += 2;
            word = _tokens.LowerWord(i, buffer);
        }
        if (word is "as" && i + 1 < end)
        {
            // AS alias, or AS (column definitions) after a function returning record.
            i = _tokens.IsOpen(i + 1) ? i + 1 : AfterNamePart(i + 1);
        }
        else if (i < end && IsIdentifierToken(i) && (_tokens[i].Kind != SqlTokenKind.Word || !SqlKeywords.IsNotColId(_tokens.LowerWord(i, buffer))))
        {
            i = AfterNamePart(i);
        }
        return ScanAliasColumnsAndSample(i, end);
    }

    private bool IsIdentifierToken(int i) =>
        !_tokens[i].IsFaulty && _tokens[i].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.UnicodeQuotedIdentifier;

    private int ScanAliasColumnsAndSample(int i, int end)
    {
        if (_tokens.IsOpen(i) && i < end)
        {
            i = _tokens.MatchingClose(i, end) + 1;
        }
        if (_tokens.IsWord(i, "tablesample"))
        {
            i = NameEnd(i + 1, end, out _);
            if (_tokens.IsOpen(i))
            {
                i = ScanParenthesized(i, end) + 1;
            }
            if (_tokens.IsWord(i, "repeatable") && _tokens.IsOpen(i + 1))
            {
                i = ScanParenthesized(i + 1, end) + 1;
            }
        }
        return Math.Min(i, end);
    }
}
