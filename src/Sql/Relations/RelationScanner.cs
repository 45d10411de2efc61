using System.Text;
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

    /// <summary>Records an access; while only planning or defining, every access is a read.</summary>
    private void Record(RelationName name, StatementClasses classes) => _out.Add(name, _planOnly ? Read : classes);

    /// <summary>
    /// Reads the relation name at <paramref name="i"/> and records it with <paramref name="classes"/>, unless it
    /// is an unqualified name a CTE in scope shadows and <paramref name="allowCte"/>. Returns the index after
    /// the name, or <paramref name="i"/> (and marks the list incomplete) when there is no readable name.
    /// </summary>
    private int ReadRelation(int i, int end, StatementClasses classes, bool allowCte) =>
        ReadRelation(i, NameEnd(i, end, out var parts), parts, classes, allowCte);

    /// <summary><see cref="ReadRelation(int, int, StatementClasses, bool)"/> for a name whose end the caller has found.</summary>
    private int ReadRelation(int i, int after, int parts, StatementClasses classes, bool allowCte)
    {
        if (TryFindKnown(i, parts, allowCte, out var known))
        {
            if (known >= 0)
            {
                _out.AddAt(known, _planOnly ? Read : classes);
            }
            return after;
        }
        if (!TryDecode(i, parts, out var name))
        {
            _out.Incomplete("a relation name the scan cannot read");
            return i;
        }
        if (!(allowCte && name.Schema is null && IsCte(name.Name)))
        {
            Record(name, classes);
        }
        return after;
    }

    /// <summary><c>[IF EXISTS] [ONLY] name [*] [(columns)], ...</c>; returns the index after the list.</summary>
    private int ReadRelationList(int i, int end, StatementClasses classes, bool allowOnly = false, bool skipColumns = false)
    {
        i = SkipIfExists(i);
        while (true)
        {
            if (allowOnly && _tokens.IsWord(i, "only"))
            {
                i++;
            }
            var after = ReadRelation(i, end, classes, allowCte: false);
            if (after == i)
            {
                return i;
            }
            i = _tokens.IsOperator(after, "*") ? after + 1 : after;
            if (skipColumns && _tokens.IsOpen(i))
            {
                i = _tokens.MatchingClose(i, end) + 1;
            }
            if (!_tokens.IsPunctuation(i, ','))
            {
                return i;
            }
            i++;
        }
    }

    /// <summary>
    /// Whether the one- or two-part name at <paramref name="i"/> is a CTE in scope (<paramref name="index"/> -1) or
    /// a relation already recorded (its index), found by comparing tokens with the stored names so that a
    /// relation named many times is decoded once. False when it is neither, or the tokens are not simple
    /// enough to compare without decoding.
    /// </summary>
    private bool TryFindKnown(int i, int parts, bool allowCte, out int index)
    {
        index = -1;
        var nameIndex = parts == 2 ? i + 2 : i;
        if (parts is not (1 or 2) || (parts == 2 && !_tokens.IsPunctuation(i + 1, '.')) || !IsSimplePart(i) || !IsSimplePart(nameIndex))
        {
            return false;
        }
        if (parts == 1 && allowCte && _ctes is not null)
        {
            foreach (var cte in _ctes)
            {
                if (PartEquals(i, cte))
                {
                    return true;
                }
            }
        }
        for (var k = 0; k < _out.Count; k++)
        {
            var known = _out.NameAt(k);
            if (known.Database is null && PartEquals(nameIndex, known.Name)
                && (parts == 1 ? known.Schema is null : known.Schema is not null && PartEquals(i, known.Schema)))
            {
                index = k;
                return true;
            }
        }
        return false;
    }

    /// <summary>A word or a quoted identifier without <c>""</c>, short enough (21 characters) never to be truncated.</summary>
    private bool IsSimplePart(int i)
    {
        var token = _tokens[i];
        return token.Kind switch
        {
            SqlTokenKind.Word => token.Length <= 21,
            SqlTokenKind.QuotedIdentifier => token.Length <= 23 && !token.IsFaulty && _tokens.TextOf(i)[1..^1].IndexOf('"') < 0,
            _ => false,
        };
    }

    /// <summary>Whether the simple name token at <paramref name="i"/> decodes to <paramref name="value"/>.</summary>
    private bool PartEquals(int i, string value)
    {
        var text = _tokens.TextOf(i);
        if (_tokens[i].Kind == SqlTokenKind.QuotedIdentifier)
        {
            return text[1..^1].SequenceEqual(value);
        }
        if (text.Length != value.Length)
        {
            return false;
        }
        for (var k = 0; k < text.Length; k++)
        {
            if (SqlCharacters.ToLowerAscii(text[k]) != value[k])
            {
                return false;
            }
        }
        return true;
    }

    private int SkipIfExists(int i)
    {
        if (_tokens.IsWord(i, "if") && _tokens.IsWord(i + 1, "not") && _tokens.IsWord(i + 2, "exists"))
        {
            return i + 3;
        }
        return _tokens.IsWord(i, "if") && _tokens.IsWord(i + 1, "exists") ? i + 2 : i;
    }

    private bool IsCte(string name)
    {
        if (_ctes is null)
        {
            return false;
        }
        for (var i = _ctes.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_ctes[i], name, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The end of a qualified name <c>a[.b[.c]]</c> at <paramref name="i"/>, counting its parts; <paramref name="i"/>
    /// with 0 parts when no name starts there. The first part cannot be an unquoted reserved word (ColId);
    /// later parts can be any word (attr_name).
    /// </summary>
    private int NameEnd(int i, int end, out int parts)
    {
        parts = 0;
        if (!IsNamePart(i, end, first: true))
        {
            return i;
        }
        parts = 1;
        var j = AfterNamePart(i);
        while (_tokens.IsPunctuation(j, '.') && IsNamePart(j + 1, end, first: false))
        {
            parts++;
            j = AfterNamePart(j + 1);
        }
        return j;
    }

    private bool IsNamePart(int i, int end, bool first)
    {
        if (i >= end || _tokens[i].IsFaulty)
        {
            return false;
        }
        var kind = _tokens[i].Kind;
        if (kind is SqlTokenKind.QuotedIdentifier or SqlTokenKind.UnicodeQuotedIdentifier)
        {
            return true;
        }
        if (kind != SqlTokenKind.Word)
        {
            return false;
        }
        Span<char> buffer = stackalloc char[17];
        return !first || !SqlKeywords.IsNotColId(_tokens.LowerWord(i, buffer));
    }

    /// <summary>Past a name token, including a <c>UESCAPE 'c'</c> clause after a <c>U&amp;"..."</c> identifier.</summary>
    private int AfterNamePart(int i) =>
        _tokens[i].Kind == SqlTokenKind.UnicodeQuotedIdentifier && _tokens.IsWord(i + 1, "uescape") ? i + 3 : i + 1;

    /// <summary>Decodes a name of 1 to 3 parts starting at <paramref name="i"/> (see <see cref="NameEnd"/>).</summary>
    private bool TryDecode(int i, int parts, out RelationName name)
    {
        name = default;
        if (parts is < 1 or > 3)
        {
            return false;
        }
        string? first = null, second = null, third = null;
        for (var p = 0; p < parts; p++)
        {
            var part = DecodePart(i);
            if (part is null)
            {
                return false;
            }
            (first, second, third) = p switch { 0 => (part, second, third), 1 => (first, part, third), _ => (first, second, part) };
            i = AfterNamePart(i) + 1;
        }
        name = parts switch
        {
            1 => new RelationName(null, first!),
            2 => new RelationName(first, second!),
            _ => new RelationName(second, third!) { Database = first },
        };
        return true;
    }

    private string? DecodePart(int i) => SqlValues.Name(_tokens, i) is { } value ? Truncate(value) : null;

    /// <summary>PostgreSQL truncates identifiers to 63 bytes (in UTF-8), never inside a character (truncate_identifier).</summary>
    internal static string Truncate(string name)
    {
        if (name.Length * 3 <= MaxNameBytes || Encoding.UTF8.GetByteCount(name) <= MaxNameBytes)
        {
            return name;
        }
        var bytes = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var length = char.IsHighSurrogate(name[i]) && i + 1 < name.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(name.AsSpan(i, length));
            if (bytes + size > MaxNameBytes)
            {
                return name[..i];
            }
            bytes += size;
            i += length - 1;
        }
        return name;
    }
}
