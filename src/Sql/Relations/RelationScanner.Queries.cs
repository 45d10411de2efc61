using Warden.Sql.Classification;
using Warden.Sql.Lexing;

namespace Warden.Sql.Relations;

/// <summary>
/// Queries and data-modifying statements: SELECT, VALUES, TABLE, WITH, INSERT, UPDATE, DELETE, MERGE
/// (https://www.postgresql.org/docs/current/sql-select.html and the pages of each command).
/// </summary>
internal sealed partial class RelationScanner
{
    /// <summary>
    /// A statement that may carry a WITH list: its CTE names are in scope until <paramref name="end"/>
    /// (queries-with.html). DML targets are never CTEs: the server looks them up as tables.
    /// </summary>
    private void ScanStatementBody(int first, int end)
    {
        if (!Enter())
        {
            return;
        }
        var scope = _ctes?.Count ?? 0;
        var i = _tokens.IsWord(first, "with") ? ScanWith(first, end) : first;
        if (i < end)
        {
            Span<char> buffer = stackalloc char[8];
            switch (_tokens.IsOpen(i) ? "(" : _tokens.LowerWord(i, buffer))
            {
                case "insert":
                    ScanInsert(i, end);
                    break;
                case "update":
                    ScanUpdate(i, end);
                    break;
                case "delete":
                    ScanDelete(i, end);
                    break;
                case "merge":
                    ScanMerge(i, end);
                    break;
                case "(" or "select" or "values" or "table":
                    ScanClauses(i, end);
                    break;
                default:
                    _out.Incomplete("a query the relation scan does not recognise");
                    ScanExpression(i, end);
                    break;
            }
        }
        if (_ctes is not null && _ctes.Count > scope)
        {
            _ctes.RemoveRange(scope, _ctes.Count - scope);
        }
        _depth--;
    }

    /// <summary>
    /// <c>WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (statement) [SEARCH ...] [CYCLE ...], ...</c>.
    /// Without RECURSIVE a CTE sees only the ones before it (its own name there is a table); with RECURSIVE
    /// every name of the list is in scope in every body. Returns the index of the main statement.
    /// </summary>
    private int ScanWith(int with, int end)
    {
        var i = with + 1;
        var recursive = _tokens.IsWord(i, "recursive");
        if (recursive)
        {
            i++;
        }
        if (recursive)
        {
            for (var j = i; ReadCteHeader(ref j, end, out var name, out _, out _);)
            {
                AddCte(name);
                if (!_tokens.IsPunctuation(j, ','))
                {
                    break;
                }
                j++;
            }
        }
        while (true)
        {
            if (!ReadCteHeader(ref i, end, out var name, out var open, out var close))
            {
                _out.Incomplete("a WITH list the relation scan does not parse");
                return i;
            }
            ScanStatementBody(open + 1, close);
            if (!recursive)
            {
                AddCte(name);
            }
            if (!_tokens.IsPunctuation(i, ','))
            {
                return i;
            }
            i++;
        }
    }

    private void AddCte(string name) => (_ctes ??= new List<string>(4)).Add(name);

    private bool ReadCteHeader(ref int i, int end, out string name, out int open, out int close)
    {
        name = string.Empty;
        open = close = -1;
        if (!IsNamePart(i, end, first: true) || DecodePart(i) is not { } decoded)
        {
            return false;
        }
        name = decoded;
        i = AfterNamePart(i);
        if (_tokens.IsOpen(i))
        {
            i = _tokens.MatchingClose(i, end) + 1;
        }
        if (!_tokens.IsWord(i, "as"))
        {
            return false;
        }
        i++;
        if (_tokens.IsWord(i, "not"))
        {
            i++;
        }
        if (_tokens.IsWord(i, "materialized"))
        {
            i++;
        }
        if (!_tokens.IsOpen(i) || i >= end)
        {
            return false;
        }
        open = i;
        close = _tokens.MatchingClose(i, end);
        i = close + 1;
        // SEARCH {BREADTH|DEPTH} FIRST BY columns SET column; CYCLE columns SET column [TO v DEFAULT v] USING column.
        if (_tokens.IsWord(i, "search"))
        {
            i = SkipPastWord(i, end, "set") + 1;
        }
        if (_tokens.IsWord(i, "cycle"))
        {
            i = SkipPastWord(i, end, "using") + 1;
        }
        return i <= end;
    }

    /// <summary>Index of word <paramref name="word"/> at the depth of <paramref name="i"/>, or end.</summary>
    private int SkipPastWord(int i, int end, string word)
    {
        var at = _tokens.IndexOfWordAtDepth(i, end, word);
        return at < 0 ? end : at + 1;
    }

    /// <summary>
    /// The clauses of a query or of the rest of a DML statement: FROM lists, SELECT INTO, TABLE, row locks,
    /// and subqueries anywhere.
    /// </summary>
    private void ScanClauses(int first, int end)
    {
        Span<char> buffer = stackalloc char[8];
        for (var i = first; i < end; i++)
        {
            var token = _tokens[i];
            if (token.Kind == SqlTokenKind.Punctuation)
            {
                if (_tokens.IsOpen(i))
                {
                    i = ScanParenthesized(i, end);
                }
                continue;
            }
            // Only from, for, into, table and the data-modifying commands matter here: filter on length and
            // first letter before folding.
            if (token.Kind != SqlTokenKind.Word || token.Length is < 3 or > 6
                || (char)(_tokens.Text[token.Start] | 0x20) is not ('f' or 'i' or 't' or 'u' or 'd' or 'm')
                || _tokens.IsPunctuation(i - 1, '.'))
            {
                continue;
            }
            var word = _tokens.LowerWord(i, buffer);
            switch (word)
            {
                case "from" when !IsDistinctFrom(i):
                    i = ScanFromList(i + 1, end) - 1;
                    break;
                case "into" when !_tokens.IsAnyWord(i - 1, "insert", "merge"):
                    i = ScanSelectInto(i + 1, end) - 1;
                    break;
                case "table" when i == first || IsSetOperation(i - 1):
                    i = ScanTableCommand(i + 1, end) - 1;
                    break;
                case "for" when IsRowLock(i):
                    // The write of FOR UPDATE/SHARE is a row lock, not a change: it stays unattributed.
                    _out.KeepUnattributed |= Write;
                    break;
                default:
                    CheckWord(word, i, end);
                    break;
            }
        }
    }

    /// <summary>An expression in [first, end): only parenthesised subqueries (and stray commands) matter.</summary>
    private void ScanExpression(int first, int end)
    {
        for (var i = first; i < end; i++)
        {
            var kind = _tokens[i].Kind;
            if (kind == SqlTokenKind.Punctuation && _tokens.IsOpen(i))
            {
                i = ScanParenthesized(i, end);
            }
            else if (kind == SqlTokenKind.Word)
            {
                CheckWord(i, end);
            }
        }
    }

    /// <summary>
    /// A subquery, or an expression group, function arguments, a column list; returns its <c>)</c>. An
    /// expression group is scanned in one pass up to its <c>)</c>; only a subquery needs its bounds first.
    /// </summary>
    private int ScanParenthesized(int open, int end)
    {
        if (IsSubqueryStart(open + 1, end))
        {
            var close = _tokens.MatchingClose(open, end);
            ScanStatementBody(open + 1, close);
            return close;
        }
        if (!Enter())
        {
            return _tokens.MatchingClose(open, end);
        }
        var i = open + 1;
        for (; i < end; i++)
        {
            var kind = _tokens[i].Kind;
            if (kind == SqlTokenKind.Punctuation)
            {
                if (_tokens.IsClose(i))
                {
                    break;
                }
                if (_tokens.IsOpen(i))
                {
                    i = ScanParenthesized(i, end);
                }
            }
            else if (kind == SqlTokenKind.Word)
            {
                CheckWord(i, end);
            }
        }
        _depth--;
        return i;
    }

    private bool IsSubqueryStart(int i, int end)
    {
        for (; i < end && _tokens.IsOpen(i); i++)
        {
        }
        return i < end && (_tokens.IsAnyWord(i, "select", "values", "table") || _tokens.IsAnyWord(i, "with", "update")
            || (_tokens.IsWord(i + 1, "into") && _tokens.IsAnyWord(i, "insert", "merge"))
            || (_tokens.IsWord(i, "delete") && _tokens.IsWord(i + 1, "from")));
    }

    /// <summary>
    /// A data-modifying command outside a statement position means the classifier saw a write this scan
    /// did not parse. (Functions that name relations or change search_path are found by <see cref="ScanFunctions"/>.)
    /// </summary>
    private void CheckWord(int i, int end)
    {
        var token = _tokens[i];
        if (token.Kind != SqlTokenKind.Word || token.Length is not (5 or 6)
            || (char)(_tokens.Text[token.Start] | 0x20) is not ('i' or 'u' or 'd' or 'm') || _tokens.IsPunctuation(i - 1, '.'))
        {
            return;
        }
        Span<char> buffer = stackalloc char[8];
        CheckWord(_tokens.LowerWord(i, buffer), i, end);
    }

    /// <summary><see cref="CheckWord(int, int)"/> for a word already folded by the caller.</summary>
    private void CheckWord(ReadOnlySpan<char> word, int i, int end)
    {
        if (_tokens.IsPunctuation(i + 1, '.') || _tokens.IsPunctuation(i - 1, '.'))
        {
            return;
        }
        switch (word)
        {
            case "insert" or "merge" when _tokens.IsWord(i + 1, "into"):
            case "delete" when _tokens.IsWord(i + 1, "from"):
            case "update" when !_tokens.IsAnyWord(i - 1, "for", "key", "do") && !_tokens.IsAnyWord(i - 1, "then", "as")
                && (_tokens.IsClose(i - 1) || QueryClassifier.IsUpdateTargetThenSet(_tokens, i + 1, end)):
                _out.Incomplete("a data-modifying command where the relation scan does not expect one");
                break;
        }
    }

    private bool IsDistinctFrom(int from) =>
        _tokens.IsWord(from - 1, "distinct") && (_tokens.IsWord(from - 2, "is") || (_tokens.IsWord(from - 2, "not") && _tokens.IsWord(from - 3, "is")));

    private bool IsSetOperation(int i) =>
        _tokens.IsAnyWord(i, "union", "intersect", "except")
        || (_tokens.IsAnyWord(i, "all", "distinct") && _tokens.IsAnyWord(i - 1, "union", "intersect", "except"));

    /// <summary>FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE (sql-select.html#SQL-FOR-UPDATE-SHARE).</summary>
    private bool IsRowLock(int i) =>
        _tokens.IsAnyWord(i + 1, "update", "share") || (_tokens.IsAnyWord(i + 1, "no", "key") && _tokens.IsAnyWord(i + 2, "key", "share"));

    /// <summary>SELECT ... INTO [TEMPORARY | TEMP | UNLOGGED] [TABLE] new_table (sql-selectinto.html).</summary>
    private int ScanSelectInto(int i, int end)
    {
        if (_tokens.IsAnyWord(i, "temporary", "temp", "unlogged"))
        {
            i++;
        }
        if (_tokens.IsWord(i, "table"))
        {
            i++;
        }
        var after = ReadRelation(i, end, Ddl | Write, allowCte: false);
        return Math.Max(after, i + 1);
    }

    /// <summary>TABLE [ONLY] name [*], which is SELECT * FROM name.</summary>
    private int ScanTableCommand(int i, int end)
    {
        if (_tokens.IsWord(i, "only"))
        {
            i++;
        }
        var after = ReadRelation(i, end, Read, allowCte: true);
        return _tokens.IsOperator(after, "*") ? after + 1 : Math.Max(after, i);
    }
}
