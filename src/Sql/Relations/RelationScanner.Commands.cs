namespace Warden.Sql.Relations;

/// <summary>
/// Commands with a fixed list of objects: COPY, REFRESH, TRUNCATE, GRANT/REVOKE, COMMENT/SECURITY LABEL, and
/// maintenance (VACUUM, ANALYZE, CLUSTER, REINDEX).
/// </summary>
internal sealed partial class RelationScanner
{
    /// <summary>
    /// COPY table [(columns)] FROM writes the table, TO reads it; COPY (query) TO runs the query
    /// (sql-copy.html). A WHERE on COPY FROM may hold subqueries.
    /// </summary>
    private void ScanCopy(int first, int end)
    {
        var i = _tokens.IsWord(first + 1, "binary") ? first + 2 : first + 1;
        var table = -1;
        if (_tokens.IsOpen(i))
        {
            var close = _tokens.MatchingClose(i, end);
            ScanStatementBody(i + 1, close);
            i = close + 1;
        }
        else
        {
            table = i;
            i = NameEnd(i, end, out var parts);
            if (parts == 0)
            {
                _out.Incomplete("COPY without a table name");
                return;
            }
            if (_tokens.IsOpen(i))
            {
                i = _tokens.MatchingClose(i, end) + 1;
            }
        }
        var direction = _tokens.IsWord(i, "from") ? Write : _tokens.IsWord(i, "to") ? Read : StatementClasses.None;
        if (direction == StatementClasses.None)
        {
            _out.Incomplete("COPY without FROM or TO");
            return;
        }
        if (table >= 0)
        {
            ReadRelation(table, end, direction, allowCte: false);
        }
        ScanExpression(i + 1, end);
    }

    /// <summary>REFRESH MATERIALIZED VIEW [CONCURRENTLY] name: rewrites the view's rows.</summary>
    private void ScanRefresh(int first, int end)
    {
        var i = first + 1;
        if (!_tokens.IsWord(i, "materialized") || !_tokens.IsWord(i + 1, "view"))
        {
            _out.Incomplete("REFRESH of something other than a materialized view");
            return;
        }
        i += 2;
        if (_tokens.IsWord(i, "concurrently"))
        {
            i++;
        }
        ReadRelation(i, end, Write, allowCte: false);
    }

    /// <summary>TRUNCATE [TABLE] [ONLY] name [*], ...: CASCADE also empties tables that reference them.</summary>
    private void ScanTruncate(int first, int end)
    {
        var i = _tokens.IsWord(first + 1, "table") ? first + 2 : first + 1;
        ReadRelationList(i, end, Write | Destructive, allowOnly: true);
        if (_tokens.IndexOfWordAtDepth(i, end, "cascade") >= 0)
        {
            _out.Incomplete("TRUNCATE ... CASCADE empties tables the text does not name");
        }
    }

    /// <summary>
    /// GRANT/REVOKE privileges ON [TABLE | SEQUENCE] name, ... TO/FROM roles: dcl on each relation. ON ALL
    /// TABLES IN SCHEMA reaches relations by schema; other object kinds and role grants have none
    /// (sql-grant.html).
    /// </summary>
    private void ScanGrant(int first, int end)
    {
        var on = _tokens.IndexOfWordAtDepth(first + 1, end, "on");
        if (on < 0)
        {
            return;
        }
        var i = on + 1;
        Span<char> buffer = stackalloc char[16];
        switch (_tokens.LowerWord(i, buffer))
        {
            case "table" or "sequence":
                ReadRelationList(i + 1, end, Dcl);
                break;
            case "all" when _tokens.IsAnyWord(i + 1, "tables", "sequences"):
                _out.Incomplete("GRANT/REVOKE ON ALL TABLES IN SCHEMA");
                break;
            case "all" or "function" or "procedure" or "routine" or "schema" or "database" or "domain" or "type"
                or "language" or "large" or "foreign" or "tablespace" or "parameter":
                break;
            default:
                ReadRelationList(i, end, Dcl);
                break;
        }
    }

    /// <summary>COMMENT ON / SECURITY LABEL ON kind name: ddl on the relation, or on a column's, constraint's, trigger's, policy's or rule's table.</summary>
    private void ScanCommentTarget(int i, int end)
    {
        if (i >= end)
        {
            _out.Incomplete("COMMENT or SECURITY LABEL without ON");
            return;
        }
        Span<char> buffer = stackalloc char[16];
        var word = _tokens.LowerWord(i, buffer);
        switch (word)
        {
            case "table" or "view" or "index" or "sequence":
                ReadRelation(i + 1, end, Ddl, allowCte: false);
                break;
            case "materialized" or "foreign" when _tokens.IsAnyWord(i + 1, "view", "table"):
                ReadRelation(i + 2, end, Ddl, allowCte: false);
                break;
            case "column":
                // relation.column: the relation is every part but the last.
                NameEnd(i + 1, end, out var parts);
                if (TryDecode(i + 1, parts - 1, out var table))
                {
                    Record(table, Ddl);
                }
                else
                {
                    _out.Incomplete("a column name the scan cannot read");
                }
                break;
            case "constraint" or "trigger" or "policy" or "rule":
                var on = _tokens.IndexOfWordAtDepth(i + 1, end, "on");
                if (!_tokens.IsWord(on + 1, "domain"))
                {
                    ReadObjectTable(on, end, Ddl);
                }
                break;
        }
    }

    /// <summary>
    /// VACUUM, ANALYZE, CLUSTER and REINDEX: the tables they name get admin (which also stays unattributed);
    /// without a table they process every table, so the list is incomplete.
    /// </summary>
    private void ScanMaintenance(ReadOnlySpan<char> command, int first, int end)
    {
        var i = first + 1;
        while (_tokens.IsAnyWord(i, "full", "freeze", "verbose") || _tokens.IsAnyWord(i, "analyze", "analyse"))
        {
            i++;
        }
        if (_tokens.IsOpen(i))
        {
            i = _tokens.MatchingClose(i, end) + 1;
        }
        if (command is "reindex")
        {
            if (!_tokens.IsAnyWord(i, "index", "table"))
            {
                _out.Incomplete("REINDEX of a schema, database or system");
                return;
            }
            i = _tokens.IsWord(i + 1, "concurrently") ? i + 2 : i + 1;
        }
        if (i >= end)
        {
            _out.Incomplete($"{command.ToString().ToUpperInvariant()} without a table processes every table");
            return;
        }
        i = ReadRelationList(i, end, Admin, skipColumns: true);
        if (command is "cluster" && _tokens.IsWord(i, "on"))
        {
            ReadRelation(i + 1, end, Admin, allowCte: false); // the old CLUSTER index ON table
        }
    }
}
