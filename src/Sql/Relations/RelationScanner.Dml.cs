using Warden.Sql.Classification;

namespace Warden.Sql.Relations;

/// <summary>
/// INSERT, UPDATE, DELETE and MERGE: the target is written (never a CTE: the server looks targets up as tables),
/// their sources read (sql-insert.html, sql-update.html, sql-delete.html, sql-merge.html).
/// </summary>
internal sealed partial class RelationScanner
{
    /// <summary>INSERT INTO target [AS alias] [(columns)] [OVERRIDING ...] {DEFAULT VALUES | query} [ON CONFLICT ...] [RETURNING ...].</summary>
    private void ScanInsert(int insert, int end)
    {
        if (!_tokens.IsWord(insert + 1, "into"))
        {
            _out.Incomplete("INSERT without INTO");
            ScanExpression(insert + 1, end);
            return;
        }
        var i = ReadRelation(insert + 2, end, Write, allowCte: false);
        if (_tokens.IsWord(i, "as"))
        {
            i = AfterNamePart(i + 1);
        }
        if (_tokens.IsOpen(i) && !IsSubqueryStart(i + 1, end))
        {
            i = _tokens.MatchingClose(i, end) + 1;
        }
        if (_tokens.IsWord(i, "overriding"))
        {
            i += 3;
        }
        if (_tokens.IsWord(i, "default") && _tokens.IsWord(i + 1, "values"))
        {
            ScanClauses(i + 2, end);
        }
        else if (IsSubqueryStart(i, end))
        {
            ScanStatementBody(i, end);
        }
        else
        {
            _out.Incomplete("INSERT without a recognisable source");
            ScanExpression(i, end);
        }
    }

    /// <summary>UPDATE [ONLY] target [*] [[AS] alias] SET ... [FROM from_list] [WHERE ...] [RETURNING ...].</summary>
    private void ScanUpdate(int update, int end)
    {
        var classes = Write | (QueryClassifier.HasWhere(_tokens, update, end) ? 0 : Destructive);
        var i = ReadTarget(update + 1, end, classes);
        if (!_tokens.IsWord(i, "set"))
        {
            _out.Incomplete("UPDATE without SET");
            ScanExpression(i, end);
            return;
        }
        ScanClauses(i + 1, end);
    }

    /// <summary>DELETE FROM [ONLY] target [*] [[AS] alias] [USING from_list] [WHERE ...] [RETURNING ...].</summary>
    private void ScanDelete(int delete, int end)
    {
        if (!_tokens.IsWord(delete + 1, "from"))
        {
            _out.Incomplete("DELETE without FROM");
            ScanExpression(delete + 1, end);
            return;
        }
        var classes = Write | (QueryClassifier.HasWhere(_tokens, delete, end) ? 0 : Destructive);
        var i = ReadTarget(delete + 2, end, classes);
        if (_tokens.IsWord(i, "using"))
        {
            i = ScanFromList(i + 1, end);
        }
        ScanClauses(i, end);
    }

    /// <summary>MERGE INTO [ONLY] target [*] [[AS] alias] USING source ON condition WHEN ... (sql-merge.html).</summary>
    private void ScanMerge(int merge, int end)
    {
        if (!_tokens.IsWord(merge + 1, "into"))
        {
            _out.Incomplete("MERGE without INTO");
            ScanExpression(merge + 1, end);
            return;
        }
        var classes = Write | (QueryClassifier.MergeDeletes(_tokens, merge, end) ? Destructive : 0);
        var i = ReadTarget(merge + 2, end, classes);
        if (!_tokens.IsWord(i, "using"))
        {
            _out.Incomplete("MERGE without USING");
            ScanExpression(i, end);
            return;
        }
        ScanClauses(ScanFromList(i + 1, end), end);
    }

    /// <summary><c>[ONLY] name [*] [[AS] alias]</c> of UPDATE, DELETE and MERGE; returns the index after it.</summary>
    private int ReadTarget(int i, int end, StatementClasses classes)
    {
        if (_tokens.IsWord(i, "only"))
        {
            i++;
        }
        i = ReadRelation(i, end, classes, allowCte: false);
        if (_tokens.IsOperator(i, "*"))
        {
            i++;
        }
        if (_tokens.IsWord(i, "as"))
        {
            return AfterNamePart(i + 1);
        }
        // A bare alias; UPDATE t set SET ... is not valid, so SET here is the clause.
        return IsNamePart(i, end, first: true) && !_tokens.IsWord(i, "set") ? AfterNamePart(i) : i;
    }
}
