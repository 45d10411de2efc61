using Warden.Sql.Classification;
using Warden.Sql.Lexing;

namespace Warden.Sql.Relations;

/// <summary>
/// Finds the relations a statement reads, writes or alters, for per-object rules (issue 5). It walks the
/// statement's tokens with just enough of PostgreSQL's grammar to know where a relation name stands
/// (https://www.postgresql.org/docs/current/sql-commands.html): FROM lists and joins, DML targets, WITH
/// lists with their scoping, and the object names of DDL, DCL and maintenance commands. Everything else is
/// an expression, where only parenthesised subqueries matter. Whatever it does not parse with confidence
/// makes the list incomplete rather than guessed.
/// </summary>
/// <remarks>
/// One scanner serves one Analyze call (it reuses its collector and CTE list between statements). The
/// recursion is bounded by <see cref="MaxDepth"/> so that no input can exhaust the stack.
/// </remarks>
internal sealed partial class RelationScanner
{
    private const int MaxDepth = 100;
    private const StatementClasses Read = StatementClasses.Read;
    private const StatementClasses Write = StatementClasses.Write;
    private const StatementClasses Ddl = StatementClasses.Ddl;
    private const StatementClasses Dcl = StatementClasses.Dcl;
    private const StatementClasses Destructive = StatementClasses.Destructive;
    private const StatementClasses Admin = StatementClasses.Admin;

    /// <summary>PostgreSQL's NAMEDATALEN - 1: longer identifiers are truncated (sql-syntax-lexical.html).</summary>
    private const int MaxNameBytes = 63;

    /// <summary>One scanner per thread, reused by every Analyze call on it: the scan allocates nothing of its own.</summary>
    [ThreadStatic]
    private static RelationScanner? t_scanner;

    private readonly RelationCollector _out = new();
    private TokenList _tokens = null!;
    private AnalysisContext _context = null!;

    /// <summary>CTE names in scope, innermost last.</summary>
    private List<string>? _ctes;

    /// <summary>The relations are only planned or defined, not run (EXPLAIN without ANALYZE, a view's query): every access is a read.</summary>
    private bool _planOnly;

    private int _depth;
    private int _statementFirst;
    private int _statementEnd;
    private StatementClasses _classes;

    /// <summary>The calling thread's scanner, set up for one Analyze call; <see cref="Release"/> it at the end of the call.</summary>
    public static RelationScanner ForThread(TokenList tokens, AnalysisContext context)
    {
        var scanner = t_scanner ??= new RelationScanner();
        scanner._tokens = tokens;
        scanner._context = context;
        return scanner;
    }

    /// <summary>Drops the references to the call's tokens and names, so a pooled scanner holds nothing of a finished call.</summary>
    public void Release()
    {
        _out.Reset();
        _ctes?.Clear();
        _tokens = null!;
        _context = null!;
    }

    /// <summary>Scans tokens [first, end) as one statement whose classifier classes are <paramref name="classes"/>.</summary>
    public RelationCollector Scan(int first, int end, StatementClasses classes, StatementFacts facts)
    {
        _out.Reset();
        _ctes?.Clear();
        _planOnly = false;
        _depth = 0;
        _statementFirst = first;
        _statementEnd = end;
        _classes = classes;
        ScanCommand(first, end);
        ScanFunctions(facts, end);
        return _out;
    }

    /// <summary>Any command, dispatched on its first key word like <see cref="StatementClassifier"/>.</summary>
    private void ScanCommand(int first, int end)
    {
        if (first >= end)
        {
            _out.Incomplete("missing statement");
            return;
        }
        if (!Enter())
        {
            return;
        }
        Span<char> buffer = stackalloc char[16];
        var word = _tokens.IsOpen(first) ? "(" : _tokens.LowerWord(first, buffer);
        switch (word)
        {
            case "(" or "select" or "values" or "table" or "with" or "insert" or "update" or "delete" or "merge":
                ScanStatementBody(first, end);
                break;
            case "explain":
                ScanExplain(first, end);
                break;
            case "prepare":
                ScanPrepare(first, end);
                break;
            case "declare":
                ScanDeclare(first, end);
                break;
            case "copy":
                ScanCopy(first, end);
                break;
            case "create":
                ScanCreate(first, end);
                break;
            case "alter":
                ScanAlter(first, end);
                break;
            case "drop":
                ScanDrop(first, end);
                break;
            case "truncate":
                ScanTruncate(first, end);
                break;
            case "lock":
                ReadRelationList(_tokens.IsWord(first + 1, "table") ? first + 2 : first + 1, end, Write, allowOnly: true);
                break;
            case "grant" or "revoke":
                ScanGrant(first, end);
                break;
            case "comment":
                ScanCommentTarget(_tokens.IsWord(first + 1, "on") ? first + 2 : end, end);
                break;
            case "security":
                var on = _tokens.IndexOfWordAtDepth(first + 1, end, "on");
                ScanCommentTarget(on < 0 ? end : on + 1, end);
                break;
            case "vacuum" or "analyze" or "analyse" or "cluster" or "reindex":
                ScanMaintenance(word, first, end);
                break;
            case "refresh":
                ScanRefresh(first, end);
                break;
            case "set":
                ScanSet(first, end);
                break;
            case "reset":
                ScanReset(first, end);
                break;
            case "discard":
                if (_tokens.IsWord(first + 1, "all"))
                {
                    _out.SearchPathChange = new SearchPathChange(null, IsLocal: false);
                }
                break;
            case "show" or "begin" or "start" or "commit" or "rollback" or "end" or "abort" or "savepoint" or "release"
                or "deallocate" or "listen" or "unlisten" or "notify" or "fetch" or "move" or "close" or "checkpoint" or "load":
                // No relation: FETCH and MOVE read through a cursor whose relations DECLARE reported.
                break;
            case "execute" or "call" or "do":
                _out.Incomplete($"{word.ToString().ToUpperInvariant()} runs statements the text does not show");
                _out.SearchPathChange = new SearchPathChange(null, IsLocal: false) { Unknown = true };
                break;
            default:
                _out.Incomplete("a command the relation scan does not know");
                break;
        }
        _depth--;
    }

    private bool Enter()
    {
        if (_depth >= MaxDepth)
        {
            _out.Incomplete("nested too deeply");
            return false;
        }
        _depth++;
        return true;
    }

    /// <summary>EXPLAIN plans its statement; only with ANALYZE does it run it (sql-explain.html).</summary>
    private void ScanExplain(int first, int end)
    {
        var statement = WrapperClassifier.ExplainedStatement(_tokens, first, end, _context, out var analyze);
        var planOnly = _planOnly;
        _planOnly |= !analyze;
        ScanCommand(statement, end);
        _planOnly = planOnly;
    }

    /// <summary>PREPARE name [(types)] AS statement: the relations of the statement (sql-prepare.html).</summary>
    private void ScanPrepare(int first, int end)
    {
        if (_tokens.IsWord(first + 1, "transaction"))
        {
            return;
        }
        var i = first + 2;
        if (_tokens.IsOpen(i))
        {
            i = _tokens.MatchingClose(i, end) + 1;
        }
        if (!_tokens.IsWord(i, "as"))
        {
            _out.Incomplete("PREPARE without AS");
            return;
        }
        ScanCommand(i + 1, end);
    }

    /// <summary>DECLARE name ... CURSOR ... FOR query: the relations of the query (sql-declare.html).</summary>
    private void ScanDeclare(int first, int end)
    {
        var cursor = _tokens.IndexOfWordAtDepth(first + 1, end, "cursor");
        var forIndex = cursor < 0 ? -1 : _tokens.IndexOfWordAtDepth(cursor + 1, end, "for");
        if (forIndex < 0)
        {
            _out.Incomplete("DECLARE without CURSOR ... FOR");
            return;
        }
        ScanCommand(forIndex + 1, end);
    }

    /// <summary>Records an access; while only planning or defining, every access is a read.</summary>
    private void Record(RelationName name, StatementClasses classes) => _out.Add(name, _planOnly ? Read : classes);
}
