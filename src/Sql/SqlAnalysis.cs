namespace Warden.Sql;

/// <summary>The analysis of one query text: its statements in order, and the union of their classes.</summary>
public sealed class SqlAnalysis
{
    internal SqlAnalysis(IReadOnlyList<SqlStatement> statements)
    {
        Statements = statements;
        foreach (var statement in statements)
        {
            Classes |= statement.Classes;
            DependsOnSessionState |= statement.ReadsPreparedStatements || statement.PreparedStatementChange is not null;
        }
    }

    /// <summary>
    /// The classes depend on, or change, the session's prepared statements: the same text can mean
    /// different things in different sessions, so its verdict must not be shared between them.
    /// </summary>
    public bool DependsOnSessionState { get; }

    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>Every class of every statement; <see cref="StatementClasses.None"/> for an empty query.</summary>
    public StatementClasses Classes { get; }
}

/// <summary>One statement of a query text.</summary>
/// <remarks>
/// Built so that later fields (relations read and written, for per-object rules) can be added
/// without breaking callers.
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
}
