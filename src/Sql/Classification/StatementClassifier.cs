using Warden.Sql.Lexing;
using Warden.Sql.Splitting;

namespace Warden.Sql.Classification;

/// <summary>
/// Gives a statement every class of DESIGN §6 that applies, dispatching on its first key word to the
/// command families of https://www.postgresql.org/docs/current/sql-commands.html. Anything not
/// recognised with confidence is <see cref="StatementClasses.Unknown"/>, which policy denies unless a
/// rule allows it explicitly: when in doubt this classifier fails closed.
/// </summary>
internal static class StatementClassifier
{
    public static StatementClasses ClassifyStatement(TokenList tokens, StatementRange range, bool isLast, AnalysisContext context, StatementFacts facts)
    {
        var classes = Classify(tokens, range.First, range.End, context, facts, topLevel: true);
        if (range.Unbalanced)
        {
            classes |= facts.Unknown("unbalanced parentheses");
        }
        if (classes == StatementClasses.None)
        {
            classes = facts.Unknown("no class recognised");
        }
        if (isLast && tokens.HasUnterminatedComment)
        {
            classes |= facts.Unknown("unterminated comment");
        }
        for (var i = range.First; i < range.End; i++)
        {
            if (tokens[i].IsFaulty)
            {
                classes |= facts.Unknown((tokens[i].Flags & SqlTokenFlags.Unterminated) != 0
                    ? "unterminated string, quoted identifier or comment"
                    : "text the server's lexer rejects");
                break;
            }
        }
        return classes;
    }

    /// <summary>Classifies tokens [first, end) as one statement; also used for the statement inside EXPLAIN, PREPARE, DECLARE.</summary>
    public static StatementClasses Classify(TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts, bool topLevel = false)
    {
        if (first >= end)
        {
            return facts.Unknown("missing statement");
        }
        if (context.Nesting >= AnalysisContext.MaxNesting)
        {
            return facts.Unknown("statements nested too deeply");
        }
        context.Nesting++;
        var classes = ClassifyCommand(tokens, first, end, context, facts, topLevel);
        context.Nesting--;
        return classes;
    }

    private static StatementClasses ClassifyCommand(TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts, bool topLevel)
    {
        Span<char> buffer = stackalloc char[16];
        var word = tokens.IsOpen(first) ? "(" : tokens.LowerWord(first, buffer);
        StatementClasses classes;
        string command;
        var scanFunctions = true;
        switch (word)
        {
            case "(" or "select" or "values" or "table" or "with" or "insert" or "update" or "delete" or "merge":
                command = word switch
                {
                    "(" or "select" => "SELECT",
                    "values" => "VALUES",
                    "table" => "TABLE",
                    "with" => "WITH",
                    "insert" => "INSERT",
                    "update" => "UPDATE",
                    "delete" => "DELETE",
                    _ => "MERGE",
                };
                classes = QueryClassifier.Classify(tokens, first, end);
                break;
            case "explain":
                (command, classes, scanFunctions) = ("EXPLAIN", WrapperClassifier.Explain(tokens, first, end, context, facts), false);
                break;
            case "prepare":
                command = "PREPARE";
                classes = WrapperClassifier.Prepare(tokens, first, end, context, facts, out scanFunctions);
                break;
            case "declare":
                (command, classes, scanFunctions) = ("DECLARE", WrapperClassifier.Declare(tokens, first, end, context, facts), false);
                break;
            case "execute":
                (command, classes) = ("EXECUTE", WrapperClassifier.Execute(tokens, first, context, facts));
                break;
            case "copy":
                (command, classes) = ("COPY", CopyClassifier.Classify(tokens, first, end, facts));
                break;
            case "create":
                (command, classes) = ("CREATE", DdlClassifier.Create(tokens, first, end, context, facts));
                break;
            case "alter":
                (command, classes) = ("ALTER", DdlClassifier.Alter(tokens, first, end));
                break;
            case "drop":
                (command, classes) = ("DROP", DdlClassifier.Drop(tokens, first, end));
                break;
            default:
                (command, classes) = SessionClassifier.Classify(word, tokens, first, end, context, facts);
                break;
        }
        if (topLevel)
        {
            facts.Command = command;
        }
        if (scanFunctions)
        {
            var functionClasses = FunctionCallScanner.Scan(tokens, first, end, context, facts);
            facts.FunctionClasses |= functionClasses;
            classes |= functionClasses;
        }
        return classes;
    }
}
