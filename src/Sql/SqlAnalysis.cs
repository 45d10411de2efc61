namespace Warden.Sql;

/// <summary>The analysis of one query text: its statements in order, and the union of their classes.</summary>
public sealed class SqlAnalysis
{
    internal SqlAnalysis(IReadOnlyList<SqlStatement> statements)
    {
        Statements = statements;
        var complete = true;
        foreach (var statement in statements)
        {
            Classes |= statement.Classes;
            DependsOnSessionState |= statement.ReadsPreparedStatements || statement.PreparedStatementChange is not null
                || statement.SearchPathChange is not null;
            complete &= statement.RelationsComplete;
        }
        RelationsComplete = complete;
    }

    /// <summary>Every statement's <see cref="SqlStatement.RelationsComplete"/> is true.</summary>
    public bool RelationsComplete { get; }

    /// <summary>
    /// The classes depend on, or change, session state the gateway follows (prepared statements, the
    /// search_path): the same text can mean different things in different sessions, and each run must
    /// reach the session's tracker, so its verdict must not be shared between sessions.
    /// </summary>
    public bool DependsOnSessionState { get; }

    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>Every class of every statement; <see cref="StatementClasses.None"/> for an empty query.</summary>
    public StatementClasses Classes { get; }
}

/// <summary>One statement of a query text.</summary>
/// <remarks>
/// For per-object rules, <see cref="Relations"/>, <see cref="UnattributedClasses"/> and
/// <see cref="RelationsComplete"/> say which relations the statement touches and how; they always satisfy
/// <c>Classes == UnattributedClasses | (union of Relations[i].Classes)</c> and <c>UnattributedClasses ⊆ Classes</c>.
/// </remarks>
public sealed class SqlStatement
{
    private readonly string _source;

    internal SqlStatement(string source, int start, int length)
    {
        _source = source;
        Start = start;
        Length = length;
    }

    /// <summary>Offset in the query text of the statement's first token (leading comments excluded).</summary>
    public int Start { get; }

    /// <summary>Length up to the end of its last token, without the terminating semicolon.</summary>
    public int Length { get; }

    public string Text => _source.Substring(Start, Length);

    public StatementClasses Classes { get; internal set; }

    /// <summary>The command in upper case, e.g. "SELECT", "CREATE", "EXPLAIN"; "?" when not recognised.</summary>
    public string Command { get; internal set; } = "?";

    /// <summary>
    /// Functions the statement calls that are not on the built-in list of side-effect-free functions
    /// (lower case, schema-qualified as written). The analyzer does not look into user-defined functions:
    /// a read that calls one is still classed read, and this list lets policy or a reviewer see it.
    /// </summary>
    public IReadOnlyList<string> CalledFunctions { get; internal set; } = [];

    /// <summary>Why the statement is <see cref="StatementClasses.Unknown"/>, for logs and error messages.</summary>
    public string? UnknownReason { get; internal set; }

    /// <summary>Set for PREPARE, DEALLOCATE and DISCARD ALL.</summary>
    public PreparedStatementChange? PreparedStatementChange { get; internal set; }

    /// <summary>Runs a prepared statement by name (EXECUTE, including inside EXPLAIN or CREATE TABLE AS).</summary>
    public bool ReadsPreparedStatements { get; internal set; }

    /// <summary>
    /// The relations the statement touches, one entry per distinct name (classes OR-ed), in first-seen
    /// order (relations named by function arguments, like <c>nextval('s')</c>, after the others); see <see cref="RelationAccess.Classes"/> for what each class means per relation. Never
    /// reported: CTE names inside their WITH, aliases, column references, functions in FROM, VALUES lists,
    /// type names. Views are reported by name: expanding them needs the catalog. Functions, including
    /// user-defined ones, are not looked into.
    /// </summary>
    public IReadOnlyList<RelationAccess> Relations { get; internal set; } = [];

    /// <summary>
    /// The statement's classes that no relation access explains, to be judged by a rule's own class lists:
    /// classes of built-in functions with side effects (nextval, set_config, pg_read_file, ...), the write of
    /// row locks (SELECT ... FOR UPDATE/SHARE), transaction, session, admin and unknown, a read with no
    /// relation (<c>SELECT 1</c>), DDL on objects that are not relations (functions, types, roles, ...).
    /// When unsure, a class stays here.
    /// </summary>
    public StatementClasses UnattributedClasses { get; internal set; }

    /// <summary>
    /// False when the analyzer may have missed a relation: the statement is unknown, unbalanced or lexically
    /// faulty, runs a prepared statement (EXECUTE) or procedural code (DO, CALL), is a shape the relation
    /// scan does not parse, or reaches relations it cannot name (CASCADE, schema-wide commands, rules,
    /// publications, extensions, VACUUM of every table, ...). A false value never comes with a list that
    /// claims to be whole: treat the statement as possibly touching any relation.
    /// </summary>
    public bool RelationsComplete { get; internal set; }

    /// <summary>Set when the statement changes search_path (SET, RESET, set_config, RESET ALL, DISCARD ALL).</summary>
    public SearchPathChange? SearchPathChange { get; internal set; }
}
