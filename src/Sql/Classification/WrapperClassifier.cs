using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>Commands that carry another statement: EXPLAIN, PREPARE, EXECUTE, DECLARE.</summary>
internal static class WrapperClassifier
{
    /// <summary>
    /// EXPLAIN only plans its statement, unless ANALYZE is on: then it runs it
    /// (https://www.postgresql.org/docs/current/sql-explain.html). Both forms are read; EXPLAIN ANALYZE
    /// adds every class of the statement it runs. An ANALYZE option whose value is not clearly false
    /// counts as on (the server rejects values that are neither).
    /// </summary>
    public static StatementClasses Explain(TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts)
    {
        var i = ExplainedStatement(tokens, first, end, context, out var analyze);
        if (!analyze)
        {
            return StatementClasses.Read;
        }
        return StatementClasses.Read | StatementClassifier.Classify(tokens, i, end, context, facts);
    }

    /// <summary>Index of the statement EXPLAIN at <paramref name="first"/> explains, and whether it runs it (ANALYZE).</summary>
    public static int ExplainedStatement(TokenList tokens, int first, int end, AnalysisContext context, out bool analyze)
    {
        var i = first + 1;
        analyze = false;
        if (tokens.IsOpen(i))
        {
            var close = tokens.MatchingClose(i, end);
            analyze = OptionListAnalyzes(tokens, i + 1, close, context);
            return close + 1;
        }
        for (; tokens.IsAnyWord(i, "analyze", "analyse", "verbose"); i++)
        {
            analyze |= !tokens.IsWord(i, "verbose");
        }
        return i;
    }

    private static bool OptionListAnalyzes(TokenList tokens, int from, int close, AnalysisContext context)
    {
        var analyze = false;
        var optionStart = from;
        for (var i = from; i <= close; i++)
        {
            if (i < close && !tokens.IsPunctuation(i, ','))
            {
                continue;
            }
            // PostgreSQL takes a quoted or Unicode-escaped option name as the same option: "analyze" runs the statement.
            // (Plain words are compared in place: this runs for every EXPLAIN, twice with the relation scan.)
            var isAnalyze = tokens.IsWordToken(optionStart)
                ? tokens.IsAnyWord(optionStart, "analyze", "analyse")
                : SqlValues.Name(tokens, optionStart) is { } option
                    && (option.Equals("analyze", StringComparison.OrdinalIgnoreCase) || option.Equals("analyse", StringComparison.OrdinalIgnoreCase));
            if (isAnalyze)
            {
                var hasValue = optionStart + 1 < i;
                analyze |= !hasValue || optionStart + 2 != i || !SettingRules.IsOptionFalse(tokens, optionStart + 1, context);
            }
            optionStart = i + 1;
        }
        return analyze;
    }

    /// <summary>
    /// PREPARE name [(types)] AS statement carries the classes of its statement, so that preparing a
    /// write needs what writing needs (https://www.postgresql.org/docs/current/sql-prepare.html).
    /// PREPARE TRANSACTION 'id' is two-phase commit, which hands a transaction to whoever commits it later.
    /// </summary>
    public static StatementClasses Prepare(TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts, out bool scanFunctions)
    {
        scanFunctions = false;
        if (tokens.IsWord(first + 1, "transaction") && tokens[first + 2].IsStringConstant)
        {
            return StatementClasses.Transaction | StatementClasses.Admin;
        }
        var name = SqlValues.Name(tokens, first + 1);
        var i = first + 2;
        if (tokens.IsOpen(i))
        {
            i = tokens.MatchingClose(i, end) + 1;
        }
        if (name is null || !tokens.IsWord(i, "as"))
        {
            scanFunctions = true;
            return facts.Unknown("PREPARE without a recognisable name and AS");
        }
        var classes = StatementClassifier.Classify(tokens, i + 1, end, context, facts);
        context.Prepare(name, classes);
        facts.PreparedStatementChange = new PreparedStatementChange(PreparedStatementChangeKind.Prepare, name, classes);
        return StatementClasses.Session | classes;
    }

    /// <summary>
    /// EXECUTE runs a statement the text does not show: it has that statement's classes when the session's
    /// prepared statements are known (options, or a PREPARE earlier in the same text), else Unknown.
    /// </summary>
    public static StatementClasses Execute(TokenList tokens, int execute, AnalysisContext context, StatementFacts facts)
    {
        facts.ReadsPreparedStatements = true;
        var name = SqlValues.Name(tokens, execute + 1);
        return name is not null && context.TryGetPrepared(name, out var classes)
            ? classes
            : facts.Unknown("EXECUTE of a prepared statement the analyzer was not told about");
    }

    /// <summary>
    /// DECLARE name ... CURSOR ... FOR query: a session object whose query runs as it is fetched, so the
    /// declaration carries the query's classes (https://www.postgresql.org/docs/current/sql-declare.html).
    /// </summary>
    public static StatementClasses Declare(TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts)
    {
        var cursor = tokens.IndexOfWordAtDepth(first + 1, end, "cursor");
        var forIndex = cursor < 0 ? -1 : tokens.IndexOfWordAtDepth(cursor + 1, end, "for");
        if (forIndex < 0)
        {
            return facts.Unknown("DECLARE without CURSOR ... FOR");
        }
        return StatementClasses.Session | StatementClassifier.Classify(tokens, forIndex + 1, end, context, facts);
    }
}
