namespace Warden.Sql;

public enum PreparedStatementChangeKind
{
    /// <summary>PREPARE name AS ...: the session now holds <see cref="PreparedStatementChange.Name"/>.</summary>
    Prepare,

    /// <summary>DEALLOCATE [PREPARE] name.</summary>
    Deallocate,

    /// <summary>DEALLOCATE ALL or DISCARD ALL: every prepared statement is gone.</summary>
    DeallocateAll,
}

/// <summary>How a statement changes the session's SQL-level prepared statements, so a gateway can track them.</summary>
public sealed record PreparedStatementChange(PreparedStatementChangeKind Kind, string? Name, StatementClasses Classes);
