using Warden.Sql.Classification;
using Warden.Sql.Lexing;
using Warden.Sql.Relations;
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
        var scanner = RelationScanner.ForThread(tokens, context);
        for (var s = 0; s < ranges.Count; s++)
        {
            var range = ranges[s];
            var facts = new StatementFacts();
            var classes = StatementClassifier.ClassifyStatement(tokens, range, s == ranges.Count - 1, context, facts);
            var relations = scanner.Scan(range.First, range.End, classes, facts);
            // Reading a relation is a class of the statement even where the classifier's patterns did not
            // add it (INSERT ... SELECT, UPDATE ... FROM, DELETE ... USING, a view's query).
            var attributed = relations.Union();
            classes |= attributed;
            KeepPreparedStatementInStep(facts, context, attributed);
            var start = tokens[range.First].Start;
            statements[s] = new SqlStatement(sql, start, tokens[range.End - 1].End - start)
            {
                Classes = classes,
                Command = facts.Command,
                CalledFunctions = facts.CalledFunctions,
                UnknownReason = facts.UnknownReason,
                PreparedStatementChange = facts.PreparedStatementChange,
                ReadsPreparedStatements = facts.ReadsPreparedStatements,
                Relations = relations.ToList(),
                UnattributedClasses = classes & (~attributed | KeptUnattributed(relations, facts)),
                RelationsComplete = relations.Complete && (classes & StatementClasses.Unknown) == 0 && !range.Unbalanced,
                SearchPathChange = relations.SearchPathChange,
            };
        }
        scanner.Release();
        return new SqlAnalysis(statements);
    }

    /// <summary>
    /// A PREPARE's relation classes come from its statement: what EXECUTE later carries (the change the
    /// gateway records, and a later EXECUTE in the same text) must include them too.
    /// </summary>
    private static void KeepPreparedStatementInStep(StatementFacts facts, AnalysisContext context, StatementClasses attributed)
    {
        if (facts.PreparedStatementChange is { Kind: PreparedStatementChangeKind.Prepare, Name: { } name } change
            && (attributed & ~change.Classes) != 0)
        {
            facts.PreparedStatementChange = change with { Classes = change.Classes | attributed };
            context.Prepare(name, change.Classes | attributed);
        }
    }

    /// <summary>
    /// Classes that stay unattributed even when a relation carries them: admin, session, transaction and
    /// unknown never belong to a relation; built-in functions with side effects and row locks write
    /// something other than the relations listed; and a user-defined function may read or write anything,
    /// so with one in the statement its reads and writes are not explained by the list alone.
    /// </summary>
    private static StatementClasses KeptUnattributed(RelationCollector relations, StatementFacts facts) =>
        StatementClasses.Admin | StatementClasses.Session | StatementClasses.Transaction | StatementClasses.Unknown
        | relations.KeepUnattributed | facts.FunctionClasses
        | (facts.CalledFunctions.Count > 0 ? StatementClasses.Read | StatementClasses.Write : StatementClasses.None);
}
