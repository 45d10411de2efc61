using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>
/// COPY (https://www.postgresql.org/docs/current/sql-copy.html): FROM writes a table, TO reads a table or
/// runs a query. Only STDIN/STDOUT stay inside the protocol; a file name or PROGRAM makes the server
/// itself read or write files or run a shell command, which is admin.
/// </summary>
internal static class CopyClassifier
{
    public static StatementClasses Classify(TokenList tokens, int first, int end, StatementFacts facts)
    {
        var i = tokens.IsWord(first + 1, "binary") ? first + 2 : first + 1;
        var classes = StatementClasses.None;
        if (tokens.IsOpen(i))
        {
            var close = tokens.MatchingClose(i, end);
            classes |= QueryClassifier.Classify(tokens, i + 1, close);
            i = close + 1;
        }
        else
        {
            i = SkipTableAndColumns(tokens, i, end);
        }
        if (tokens.IsWord(i, "from"))
        {
            classes |= StatementClasses.Write;
        }
        else if (tokens.IsWord(i, "to"))
        {
            classes |= StatementClasses.Read;
        }
        else
        {
            return classes | facts.Unknown("COPY without FROM or TO");
        }
        var target = i + 1;
        if (tokens.IsAnyWord(target, "stdin", "stdout"))
        {
            return classes;
        }
        if (tokens.IsWord(target, "program") || (target < end && tokens[target].IsStringConstant))
        {
            return classes | StatementClasses.Admin;
        }
        return classes | facts.Unknown("COPY to or from something other than STDIN, STDOUT, a file or a program");
    }

    /// <summary>Past <c>name[.name...] [(column, ...)]</c>.</summary>
    private static int SkipTableAndColumns(TokenList tokens, int i, int end)
    {
        i++;
        while (tokens.IsPunctuation(i, '.'))
        {
            i += 2;
        }
        return tokens.IsOpen(i) ? tokens.MatchingClose(i, end) + 1 : i;
    }
}
