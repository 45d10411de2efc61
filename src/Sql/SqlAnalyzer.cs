namespace Warden.Sql;

/// <summary>Entry point of SQL analysis: classifies every statement of a SQL text.</summary>
public static class SqlAnalyzer
{
    /// <summary>
    /// The union of the classes of every statement in <paramref name="sql"/>.
    /// PLACEHOLDER until the lexer/classifier lands: only a bare first keyword is recognised;
    /// anything else is Unknown (which no rule allows unless it lists it), so this fails closed.
    /// </summary>
    public static StatementClasses Classify(string sql)
    {
        var trimmed = sql.Trim().TrimEnd(';').Trim();
        var space = trimmed.IndexOfAny([' ', '\n', '\t', '\r']);
        var first = (space < 0 ? trimmed : trimmed[..space]).ToUpperInvariant();
        var singleStatement = !trimmed.Contains(';', StringComparison.Ordinal)
            && !trimmed.Contains("--", StringComparison.Ordinal)
            && !trimmed.Contains("/*", StringComparison.Ordinal);
        if (!singleStatement)
        {
            return StatementClasses.Unknown;
        }
        return first switch
        {
            "SELECT" when !trimmed.Contains(" INTO ", StringComparison.OrdinalIgnoreCase) => StatementClasses.Read,
            "BEGIN" or "COMMIT" or "ROLLBACK" => StatementClasses.Transaction,
            "INSERT" or "UPDATE" => StatementClasses.Write,
            "DROP" => StatementClasses.Ddl | StatementClasses.Destructive,
            "CREATE" or "ALTER" => StatementClasses.Ddl,
            _ => StatementClasses.Unknown,
        };
    }
}
