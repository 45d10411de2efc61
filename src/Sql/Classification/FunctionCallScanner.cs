using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>
/// Finds function calls, <c>name (</c> with an optionally schema-qualified, quoted or Unicode-escaped
/// name, and maps them to classes through <see cref="BuiltInFunctions"/>.
/// </summary>
/// <remarks>
/// Every <c>name (</c> is checked against the side-effect list whatever surrounds it (a table named
/// nextval makes CREATE TABLE nextval (...) look like a write, which fails safe). Only the report of
/// other called functions skips the places where <c>name (</c> is a definition, a type or a column list.
/// User-defined functions are not looked into: calling one keeps a read a read, and its name is reported
/// in <see cref="SqlStatement.CalledFunctions"/> so policy can see it.
/// </remarks>
internal static class FunctionCallScanner
{
    public static StatementClasses Scan(TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts)
    {
        var classes = StatementClasses.None;
        for (var open = first + 1; open < end; open++)
        {
            if (!tokens.IsOpen(open))
            {
                continue;
            }
            var nameEnd = NameTokenEndingAt(tokens, open - 1, first);
            if (!IsName(tokens, nameEnd) || IsKeywordWithParentheses(tokens, nameEnd))
            {
                continue;
            }
            var nameStart = nameEnd;
            var schemaIndex = -1;
            while (tokens.IsPunctuation(nameStart - 1, '.') && NameTokenEndingAt(tokens, nameStart - 2, first) is var part && IsName(tokens, part))
            {
                nameStart = part;
                schemaIndex = schemaIndex < 0 ? part : schemaIndex;
            }
            var name = SqlValues.Name(tokens, nameEnd);
            if (name is null)
            {
                classes |= facts.Unknown("a function name that cannot be decoded");
                continue;
            }
            var schema = schemaIndex < 0 ? null : SqlValues.Name(tokens, schemaIndex);
            if (schema is null or "pg_catalog" && BuiltInFunctions.AffectsRelations(name))
            {
                facts.AddRelationFunctionCall(name, nameStart, open);
            }
            if (BuiltInFunctions.TryGetSideEffects(name, out var effect))
            {
                classes |= effect == BuiltInFunctions.SetConfig
                    ? SettingRules.ForSetConfig(tokens, open, context, facts)
                    : effect;
                if ((effect & StatementClasses.Unknown) != 0)
                {
                    facts.Unknown($"{name}() runs SQL text the analyzer cannot see");
                }
            }
            else if ((!BuiltInFunctions.IsKnownSafe(name) || schema is not (null or "pg_catalog")) && nameStart != first && IsCall(tokens, nameStart, open, end))
            {
                facts.AddCalledFunction(schema is null ? name : $"{schema}.{name}");
            }
        }
        return classes;
    }

    /// <summary>
    /// The name token whose text ends at <paramref name="last"/>: itself, or for <c>U&amp;"..." UESCAPE 'c'</c>
    /// ending there, the U&amp; identifier three tokens back.
    /// </summary>
    private static int NameTokenEndingAt(TokenList tokens, int last, int first)
    {
        var isEscapeClause = last - 2 >= first && tokens[last].Kind == SqlTokenKind.String && tokens.IsWord(last - 1, "uescape")
            && tokens[last - 2].Kind == SqlTokenKind.UnicodeQuotedIdentifier;
        return isEscapeClause ? last - 2 : last;
    }

    private static bool IsName(TokenList tokens, int index) =>
        index >= 0 && tokens[index].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.UnicodeQuotedIdentifier;

    /// <summary>Key words that take parentheses but are not function names.</summary>
    private static bool IsKeywordWithParentheses(TokenList tokens, int index)
    {
        Span<char> buffer = stackalloc char[16];
        return tokens.LowerWord(index, buffer) is "in" or "exists" or "any" or "all" or "some" or "values" or "as" or "on"
            or "using" or "and" or "or" or "not" or "when" or "then" or "else" or "case" or "between" or "like" or "ilike"
            or "is" or "array" or "row" or "over" or "filter" or "within" or "by" or "having" or "lateral" or "join"
            or "with" or "recursive" or "materialized" or "union" or "intersect" or "except" or "returning" or "set"
            or "into" or "select" or "from" or "where" or "table" or "only" or "limit" or "offset" or "distinct" or "order"
            or "partition" or "rows" or "range" or "groups" or "cube" or "rollup" or "sets" or "window" or "conflict"
            or "key" or "check" or "unique" or "include" or "references" or "default" or "do" or "if" or "exclude"
            or "inherits" or "options" or "returns" or "repeatable" or "insert" or "of" or "operator" or "escape"
            or "tablesample" or "collate" or "for" or "to" or "analyze" or "analyse" or "verbose" or "cursor";
    }

    /// <summary>
    /// False where <c>name (</c> names a table, type, column list, prepared statement or routine being defined.
    /// (A statement's first word is its command, as in <c>COPY (query)</c> or <c>VACUUM (options)</c>: the caller skips it.)
    /// </summary>
    private static bool IsCall(TokenList tokens, int nameStart, int open, int end)
    {
        var before = nameStart - 1;
        if (tokens.IsPunctuation(before, "::"))
        {
            return false;
        }
        Span<char> buffer = stackalloc char[12];
        if (tokens.LowerWord(before, buffer) is "into" or "table" or "as" or "references" or "function" or "procedure"
            or "routine" or "aggregate" or "prepare" or "execute" or "copy" or "exists" or "view" or "type" or "index"
            or "update" or "only" or "trigger")
        {
            return false;
        }
        // WITH name (columns) AS [NOT] [MATERIALIZED] ( ... ): a CTE's column list.
        var close = tokens.MatchingClose(open, end);
        return !(tokens.IsWord(close + 1, "as") && (tokens.IsOpen(close + 2) || tokens.IsAnyWord(close + 2, "not", "materialized")));
    }
}
