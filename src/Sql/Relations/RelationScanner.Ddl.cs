namespace Warden.Sql.Relations;

/// <summary>
/// Object names of CREATE, ALTER and DROP. Object kinds that are not relations (functions, types, roles,
/// ...) report none; kinds whose effect reaches relations the text does not name (schemas, extensions,
/// publications, rules, CASCADE) make the list incomplete.
/// </summary>
internal sealed partial class RelationScanner
{
    /// <summary>Object kinds with no relation in their definition or effect.</summary>
    private static bool IsNonRelationKind(ReadOnlySpan<char> kind) => kind is "function" or "procedure" or "routine" or "type"
        or "domain" or "role" or "user" or "group" or "database" or "language" or "tablespace" or "cast" or "collation"
        or "conversion" or "operator" or "text" or "aggregate" or "access" or "server" or "transform" or "default"
        or "system" or "large";

    /// <summary>CREATE (sql-commands.html): the kind after modifiers like OR REPLACE, TEMP, UNIQUE, RECURSIVE.</summary>
    private void ScanCreate(int first, int end)
    {
        var kind = first + 1;
        var recursive = false;
        Span<char> buffer = stackalloc char[16];
        while (_tokens.LowerWord(kind, buffer) is "or" or "replace" or "global" or "local" or "temp" or "temporary" or "unlogged"
            or "unique" or "trusted" or "procedural" or "default" or "recursive" or "constraint")
        {
            recursive |= _tokens.IsWord(kind, "recursive");
            kind++;
        }
        var word = _tokens.LowerWord(kind, buffer);
        switch (word)
        {
            case "table":
                ScanCreateTable(kind + 1, end);
                break;
            case "foreign" when _tokens.IsWord(kind + 1, "table"):
                ScanCreateTable(kind + 2, end);
                break;
            case "materialized" when _tokens.IsWord(kind + 1, "view"):
                ScanCreateTable(kind + 2, end);
                break;
            case "view":
                ScanCreateView(kind + 1, end, recursive);
                break;
            case "index":
                var on = _tokens.IndexOfWordAtDepth(kind + 1, end, "on");
                ReadObjectTable(on, end, Ddl);
                break;
            case "sequence":
                ReadRelation(SkipIfExists(kind + 1), end, Ddl, allowCte: false);
                break;
            case "trigger":
                ReadObjectTable(_tokens.IndexOfWordAtDepth(kind + 1, end, "on"), end, Ddl);
                break;
            case "policy":
                ScanPolicy(kind + 1, end);
                break;
            case "statistics":
                ReadObjectTable(_tokens.IndexOfWordAtDepth(kind + 1, end, "from"), end, Ddl);
                break;
            case "rule":
                // CREATE RULE name AS ON event TO table ... DO actions: the actions run later, on relations
                // this statement does not touch (sql-createrule.html).
                ReadObjectTable(_tokens.IndexOfWordAtDepth(kind + 1, end, "to"), end, Ddl);
                _out.Incomplete("a rule's actions name relations it will write later");
                break;
            case "schema":
                // CREATE SCHEMA name [AUTHORIZATION role] [elements]: elements create tables, views, grants.
                if (_tokens.IndexOfWordAtDepth(kind + 1, end, "create") >= 0 || _tokens.IndexOfWordAtDepth(kind + 1, end, "grant") >= 0)
                {
                    _out.Incomplete("CREATE SCHEMA with schema elements");
                }
                break;
            case "foreign" or "user":
                // FOREIGN DATA WRAPPER, USER MAPPING, and roles.
                break;
            default:
                if (!IsNonRelationKind(word))
                {
                    _out.Incomplete("CREATE of an object the relation scan does not know (or one that reaches relations: extension, publication, subscription, event trigger)");
                }
                break;
        }
    }

    /// <summary>
    /// CREATE/ALTER POLICY name ON table ... USING (expr) WITH CHECK (expr): ddl + dcl on the table; what the
    /// expressions' subqueries name is read whenever the table is, so it is reported read, like a view's query.
    /// </summary>
    private void ScanPolicy(int i, int end)
    {
        var on = _tokens.IndexOfWordAtDepth(i, end, "on");
        ReadObjectTable(on, end, Ddl | Dcl);
        if (on >= 0)
        {
            var planOnly = _planOnly;
            _planOnly = true;
            ScanExpression(on + 1, end);
            _planOnly = planOnly;
        }
    }

    /// <summary>The table named after ON, TO or FROM at <paramref name="keyword"/> (-1: not found).</summary>
    private void ReadObjectTable(int keyword, int end, StatementClasses classes)
    {
        if (keyword < 0)
        {
            _out.Incomplete("an object's table not found");
            return;
        }
        var i = keyword + 1;
        if (_tokens.IsWord(i, "only"))
        {
            i++;
        }
        ReadRelation(i, end, classes, allowCte: false);
    }

    /// <summary>
    /// CREATE [FOREIGN] TABLE and CREATE MATERIALIZED VIEW: with AS, the new relation is filled (ddl + write)
    /// from the query, whose relations are read (sql-createtableas.html); otherwise ddl on the new table and
    /// on the tables it ties itself to (PARTITION OF, INHERITS, REFERENCES), and read on LIKE sources.
    /// </summary>
    private void ScanCreateTable(int i, int end)
    {
        i = SkipIfExists(i);
        var asIndex = _tokens.IndexOfWordAtDepth(i, end, "as");
        if (asIndex >= 0)
        {
            ReadRelation(i, end, Ddl | Write, allowCte: false);
            if (_tokens.IsWord(asIndex + 1, "execute"))
            {
                _out.Incomplete("CREATE TABLE AS EXECUTE runs a prepared statement");
                return;
            }
            ScanStatementBody(asIndex + 1, end);
            return;
        }
        i = ReadRelation(i, end, Ddl, allowCte: false);
        for (var depth = 0; i < end; i++)
        {
            if (_tokens.IsOpen(i))
            {
                depth++;
            }
            else if (_tokens.IsClose(i))
            {
                depth--;
            }
            else if (_tokens.IsWord(i, "references") || (_tokens.IsWord(i, "of") && _tokens.IsWord(i - 1, "partition")))
            {
                ReadRelation(i + 1, end, Ddl, allowCte: false);
            }
            else if (_tokens.IsWord(i, "like") && depth == 1 && (_tokens.IsOpen(i - 1) || _tokens.IsPunctuation(i - 1, ',')))
            {
                ReadRelation(i + 1, end, Read, allowCte: false);
            }
            else if (_tokens.IsWord(i, "inherits") && depth == 0 && _tokens.IsOpen(i + 1))
            {
                ReadRelationList(i + 2, end, Ddl);
            }
        }
    }

    /// <summary>
    /// CREATE [RECURSIVE] VIEW name [(columns)] [WITH (options)] AS query: ddl on the view, read on what its
    /// query names (the query is stored, not run). A recursive view's query sees the view's own name as a CTE.
    /// </summary>
    private void ScanCreateView(int i, int end, bool recursive)
    {
        var nameStart = i;
        i = ReadRelation(i, end, Ddl, allowCte: false);
        var asIndex = _tokens.IndexOfWordAtDepth(i, end, "as");
        if (asIndex < 0)
        {
            _out.Incomplete("CREATE VIEW without AS");
            return;
        }
        var scope = _ctes?.Count ?? 0;
        if (recursive && NameEnd(nameStart, end, out var parts) > nameStart && DecodeLastPart(nameStart, parts) is { } own)
        {
            AddCte(own);
        }
        var planOnly = _planOnly;
        _planOnly = true;
        ScanStatementBody(asIndex + 1, end);
        _planOnly = planOnly;
        if (_ctes is not null && _ctes.Count > scope)
        {
            _ctes.RemoveRange(scope, _ctes.Count - scope);
        }
    }

    private string? DecodeLastPart(int i, int parts)
    {
        for (var p = 1; p < parts; p++)
        {
            i = AfterNamePart(i) + 1;
        }
        return DecodePart(i);
    }

    /// <summary>ALTER (sql-commands.html).</summary>
    private void ScanAlter(int first, int end)
    {
        var kind = first + 1;
        Span<char> buffer = stackalloc char[16];
        var word = _tokens.LowerWord(kind, buffer);
        switch (word)
        {
            case "table" or "view" or "index" or "sequence":
                ScanAlterRelation(kind + 1, end);
                break;
            case "materialized" when _tokens.IsWord(kind + 1, "view"):
                ScanAlterRelation(kind + 2, end);
                break;
            case "foreign" when _tokens.IsWord(kind + 1, "table"):
                ScanAlterRelation(kind + 2, end);
                break;
            case "trigger" or "rule":
                ReadObjectTable(_tokens.IndexOfWordAtDepth(kind + 1, end, "on"), end, Ddl);
                break;
            case "policy":
                ScanPolicy(kind + 1, end);
                break;
            case "foreign" or "user" or "event" or "statistics":
                // FOREIGN DATA WRAPPER, USER MAPPING, roles, event triggers (ALTER EVENT TRIGGER only renames,
                // enables or changes the owner), extended statistics objects.
                break;
            default:
                if (!IsNonRelationKind(word))
                {
                    _out.Incomplete("ALTER of an object the relation scan does not know (or one that reaches relations: schema, extension, publication, subscription)");
                }
                break;
        }
    }

    /// <summary>
    /// ALTER TABLE/VIEW/INDEX/SEQUENCE/MATERIALIZED VIEW/FOREIGN TABLE [IF EXISTS] [ONLY] name [*] actions:
    /// the relation gets the statement's ddl, destructive and dcl; RENAME TO and SET SCHEMA also give ddl on
    /// the new name; ATTACH/DETACH PARTITION, INHERIT and REFERENCES give ddl on the other table (sql-altertable.html).
    /// </summary>
    private void ScanAlterRelation(int i, int end)
    {
        i = SkipIfExists(i);
        if (_tokens.IsWord(i, "all") && _tokens.IsWord(i + 1, "in"))
        {
            _out.Incomplete("ALTER ... ALL IN TABLESPACE moves every relation of a tablespace");
            return;
        }
        if (_tokens.IsWord(i, "only"))
        {
            i++;
        }
        var nameEnd = NameEnd(i, end, out var parts);
        if (!TryDecode(i, parts, out var name))
        {
            _out.Incomplete("a relation name the scan cannot read");
            return;
        }
        Record(name, _classes & (Ddl | Destructive | Dcl) | Ddl);
        var depth = 0;
        for (var j = nameEnd; j < end; j++)
        {
            if (_tokens.IsOpen(j))
            {
                depth++;
            }
            else if (_tokens.IsClose(j))
            {
                depth--;
            }
            else if (_tokens.IsWord(j, "references"))
            {
                ReadRelation(j + 1, end, Ddl, allowCte: false);
            }
            else if (depth != 0)
            {
                continue;
            }
            else if (_tokens.IsWord(j, "rename") && _tokens.IsWord(j + 1, "to") && DecodeSinglePart(j + 2, end) is { } newName)
            {
                // The new name is unqualified by the grammar: it stays in the relation's schema.
                Record(new RelationName(name.Schema, newName) { Database = name.Database }, Ddl);
            }
            else if (_tokens.IsWord(j, "set") && _tokens.IsWord(j + 1, "schema") && DecodeSinglePart(j + 2, end) is { } schema)
            {
                Record(new RelationName(schema, name.Name) { Database = name.Database }, Ddl);
            }
            else if (_tokens.IsAnyWord(j, "attach", "detach") && _tokens.IsWord(j + 1, "partition"))
            {
                ReadRelation(j + 2, end, Ddl, allowCte: false);
            }
            else if (_tokens.IsWord(j, "inherit"))
            {
                ReadRelation(j + 1, end, Ddl, allowCte: false);
            }
        }
    }

    private string? DecodeSinglePart(int i, int end)
    {
        if (IsNamePart(i, end, first: false) && DecodePart(i) is { } name)
        {
            return name;
        }
        _out.Incomplete("a new name the scan cannot read");
        return null;
    }

    /// <summary>DROP kind [IF EXISTS] name, ... [CASCADE | RESTRICT]: ddl + destructive on each relation.</summary>
    private void ScanDrop(int first, int end)
    {
        var kind = first + 1;
        Span<char> buffer = stackalloc char[16];
        var word = _tokens.LowerWord(kind, buffer);
        switch (word)
        {
            case "table" or "view" or "sequence":
                ReadRelationList(kind + 1, end, Ddl | Destructive);
                break;
            case "index":
                ReadRelationList(_tokens.IsWord(kind + 1, "concurrently") ? kind + 2 : kind + 1, end, Ddl | Destructive);
                break;
            case "materialized" when _tokens.IsWord(kind + 1, "view"):
                ReadRelationList(kind + 2, end, Ddl | Destructive);
                break;
            case "foreign" when _tokens.IsWord(kind + 1, "table"):
                ReadRelationList(kind + 2, end, Ddl | Destructive);
                break;
            case "trigger" or "rule":
                ReadObjectTable(_tokens.IndexOfWordAtDepth(kind + 1, end, "on"), end, Ddl | Destructive);
                break;
            case "policy":
                ReadObjectTable(_tokens.IndexOfWordAtDepth(kind + 1, end, "on"), end, Ddl | Dcl | Destructive);
                break;
            case "foreign" or "user" or "event" or "statistics":
                break;
            default:
                if (!IsNonRelationKind(word))
                {
                    _out.Incomplete("DROP of an object the relation scan does not know (or one that holds relations: schema, owned, extension)");
                }
                break;
        }
        if (_tokens.IndexOfWordAtDepth(kind, end, "cascade") >= 0)
        {
            _out.Incomplete("CASCADE drops dependent objects the text does not name");
        }
    }
}
