using Warden.Sql.Lexing;

namespace Warden.Sql.Splitting;

/// <summary>
/// Splits a simple-Query text into statements at top-level semicolons. Strings, quoted identifiers,
/// comments and dollar quotes are single tokens already, so only two things hide a semicolon:
/// parentheses (e.g. CREATE RULE ... DO (a; b)) and the body of a SQL-standard function,
/// <c>CREATE FUNCTION ... BEGIN ATOMIC ... END</c>
/// (https://www.postgresql.org/docs/current/sql-createfunction.html).
/// </summary>
/// <remarks>
/// The server splits with its full grammar and parses the whole text before running any of it, so a
/// syntax error anywhere means nothing runs. The dangerous mistake here is therefore to join two
/// statements the server runs separately (the second would hide inside the first); splitting too
/// eagerly only adds statements the classifier then sees on their own. The body tracking is built to
/// err that way: only a leading CREATE [OR REPLACE] FUNCTION|PROCEDURE opens a body, at its first
/// top-level BEGIN ATOMIC; inside, every END closes one level and only a CASE that starts a CASE
/// expression opens one.
/// </remarks>
internal static class StatementSplitter
{
    public static List<StatementRange> Split(TokenList tokens)
    {
        var statements = new List<StatementRange>(1);
        var first = 0;
        while (first < tokens.Count)
        {
            var end = FindEnd(tokens, first, out var unbalanced);
            if (end > first)
            {
                statements.Add(new StatementRange(first, end, unbalanced));
            }
            first = end + 1;
        }
        return statements;
    }

    /// <summary>Index of the semicolon ending the statement that starts at <paramref name="first"/>, or Count.</summary>
    private static int FindEnd(TokenList tokens, int first, out bool unbalanced)
    {
        var routine = StartsRoutineDefinition(tokens, first);
        var parenDepth = 0;
        var bodyDepth = 0;
        unbalanced = false;
        for (var i = first; i < tokens.Count; i++)
        {
            if (tokens.IsOpen(i))
            {
                parenDepth++;
            }
            else if (tokens.IsClose(i))
            {
                if (--parenDepth < 0)
                {
                    unbalanced = true;
                    parenDepth = 0;
                }
            }
            else if (tokens.IsPunctuation(i, ';') && parenDepth == 0 && bodyDepth == 0)
            {
                return i;
            }
            else if (routine && tokens[i].Kind == SqlTokenKind.Word)
            {
                bodyDepth += BodyDepthChange(tokens, i, parenDepth, bodyDepth);
            }
        }
        unbalanced |= parenDepth != 0;
        return tokens.Count;
    }

    private static bool StartsRoutineDefinition(TokenList tokens, int first)
    {
        if (!tokens.IsWord(first, "create"))
        {
            return false;
        }
        var next = tokens.IsWord(first + 1, "or") && tokens.IsWord(first + 2, "replace") ? first + 3 : first + 1;
        return tokens.IsAnyWord(next, "function", "procedure");
    }

    private static int BodyDepthChange(TokenList tokens, int i, int parenDepth, int bodyDepth)
    {
        if (bodyDepth == 0)
        {
            return parenDepth == 0 && tokens.IsWord(i, "begin") && tokens.IsWord(i + 1, "atomic") ? 1 : 0;
        }
        if (tokens.IsWord(i, "end"))
        {
            return -1;
        }
        return tokens.IsWord(i, "case") && StartsCaseExpression(tokens, i) ? 1 : 0;
    }

    /// <summary>
    /// CASE is reserved, but may still be a column label (<c>AS case</c>, a bare label <c>SELECT 1 case</c>)
    /// or a field name after a dot; a CASE expression is always followed by WHEN or by an operand.
    /// </summary>
    private static bool StartsCaseExpression(TokenList tokens, int i)
    {
        if (tokens.IsWord(i - 1, "as") || tokens.IsPunctuation(i - 1, '.'))
        {
            return false;
        }
        var next = i + 1;
        if (next >= tokens.Count || tokens.IsPunctuation(next, ';') || tokens.IsPunctuation(next, ',') || tokens.IsClose(next))
        {
            return false;
        }
        return !IsClauseKeyword(tokens, next);
    }

    private static bool IsClauseKeyword(TokenList tokens, int i)
    {
        Span<char> buffer = stackalloc char[12];
        return tokens.LowerWord(i, buffer) is "from" or "into" or "where" or "group" or "having" or "window" or "order"
            or "limit" or "offset" or "fetch" or "for" or "union" or "intersect" or "except" or "returning" or "end";
    }
}
