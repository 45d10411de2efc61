namespace Warden.Sql;

/// <summary>What the analyzer must know about the session a query text arrives in.</summary>
public sealed class SqlAnalyzerOptions
{
    public static SqlAnalyzerOptions Default { get; } = new();

    /// <summary>
    /// The server's standard_conforming_strings (on since PostgreSQL 9.1). When off, backslashes escape
    /// quotes in '...' strings, which moves where strings and so statements end: the gateway must pass
    /// the value the server last reported in ParameterStatus.
    /// </summary>
    public bool StandardConformingStrings { get; init; } = true;

    /// <summary>
    /// The session's prepared statements (name as the server stores it, i.e. already case-folded) and
    /// their classes, so EXECUTE can carry them. Without an entry, EXECUTE is <see cref="StatementClasses.Unknown"/>.
    /// Use <see cref="SqlStatement.PreparedStatementChange"/> to keep this map in step with the session.
    /// </summary>
    public IReadOnlyDictionary<string, StatementClasses>? PreparedStatements { get; init; }

    /// <summary>
    /// Whether the gateway opened the session read-only (the default, and the safe assumption). Only then is
    /// asking for a READ WRITE transaction an escape (admin); in a session that may write it is harmless.
    /// The verdict cache key must include it: it is fixed per access rule.
    /// </summary>
    public bool ReadOnlySession { get; init; } = true;
}
