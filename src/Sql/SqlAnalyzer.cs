using Warden.Sql.Classification;
using Warden.Sql.Lexing;
using Warden.Sql.Splitting;

namespace Warden.Sql;

/// <summary>
/// Entry point of SQL analysis: splits a simple-Query text into statements the way PostgreSQL does and
/// gives each the statement classes of DESIGN §6. Pure and thread-safe; never throws on any input.
/// </summary>
public static class SqlAnalyzer
{
    /// <summary>The union of the classes of every statement in <paramref name="sql"/>; None for an empty query.</summary>
    public static StatementClasses Classify(string sql) => Analyze(sql, SqlAnalyzerOptions.Default).Classes;

    public static SqlAnalysis Analyze(string sql) => Analyze(sql, SqlAnalyzerOptions.Default);

    public static SqlAnalysis Analyze(string sql, SqlAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(options);
        using var tokens = TokenList.Read(sql, options.StandardConformingStrings);
        var ranges = StatementSplitter.Split(tokens);
        var context = new AnalysisContext(options);
        var statements = new SqlStatement[ranges.Count];
        for (var s = 0; s < ranges.Count; s++)
        {
            var range = ranges[s];
            var facts = new StatementFacts();
            var classes = StatementClassifier.ClassifyStatement(tokens, range, s == ranges.Count - 1, context, facts);
            var start = tokens[range.First].Start;
            statements[s] = new SqlStatement(sql, start, tokens[range.End - 1].End - start)
            {
                Classes = classes,
                Command = facts.Command,
                CalledFunctions = facts.CalledFunctions,
                UnknownReason = facts.UnknownReason,
                PreparedStatementChange = facts.PreparedStatementChange,
                ReadsPreparedStatements = facts.ReadsPreparedStatements,
                UnattributedClasses = classes,
            };
        }
        return new SqlAnalysis(statements);
    }
}
