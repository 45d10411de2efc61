using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>
/// CREATE, ALTER and DROP: ddl, except that objects of access control (roles, default privileges,
/// row-level security policies) are dcl, and objects that reach outside the database (extensions,
/// languages, tablespaces, subscriptions, event triggers, ALTER SYSTEM) are also admin.
/// </summary>
internal static class DdlClassifier
{
    private const StatementClasses Ddl = StatementClasses.Ddl;
    private const StatementClasses Dcl = StatementClasses.Dcl;
    private const StatementClasses Admin = StatementClasses.Admin;
    private const StatementClasses Destructive = StatementClasses.Destructive;

    public static StatementClasses Create(TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts)
    {
        var kind = ObjectKind(tokens, first + 1);
        Span<char> buffer = stackalloc char[16];
        return tokens.LowerWord(kind, buffer) switch
        {
            "table" or "materialized" => Ddl | CreateAsQuery(tokens, kind + 1, end, context, facts),
            "role" or "group" => Dcl,
            "user" => tokens.IsWord(kind + 1, "mapping") ? Ddl : Dcl,
            "policy" => Ddl | Dcl,
            "extension" or "language" or "tablespace" or "subscription" or "event" => Ddl | Admin,
            _ => Ddl,
        };
    }

    /// <summary>
    /// CREATE TABLE ... AS query and CREATE MATERIALIZED VIEW ... AS query run the query and fill the new
    /// table (https://www.postgresql.org/docs/current/sql-createtableas.html): ddl + write + read, plus the
    /// query's own classes. A plain CREATE TABLE has no AS outside parentheses.
    /// </summary>
    private static StatementClasses CreateAsQuery(TokenList tokens, int from, int end, AnalysisContext context, StatementFacts facts)
    {
        var asIndex = tokens.IndexOfWordAtDepth(from, end, "as");
        if (asIndex < 0)
        {
            return StatementClasses.None;
        }
        var query = asIndex + 1;
        var queryClasses = tokens.IsWord(query, "execute")
            ? WrapperClassifier.Execute(tokens, query, context, facts)
            : QueryClassifier.Classify(tokens, query, end);
        return StatementClasses.Write | StatementClasses.Read | queryClasses;
    }

    public static StatementClasses Alter(TokenList tokens, int first, int end)
    {
        var kind = first + 1;
        Span<char> buffer = stackalloc char[16];
        var classes = tokens.LowerWord(kind, buffer) switch
        {
            "role" or "group" => Dcl,
            "user" => tokens.IsWord(kind + 1, "mapping") ? Ddl : Dcl,
            "default" => Dcl,                      // ALTER DEFAULT PRIVILEGES
            "policy" => Ddl | Dcl,
            "system" => Admin,                     // writes postgresql.auto.conf
            "extension" or "language" or "tablespace" or "subscription" or "event" => Ddl | Admin,
            _ => Ddl,
        };
        if ((classes & Ddl) == 0)
        {
            return classes;
        }
        return classes | AlterDrops(tokens, kind, end) | AlterGrants(tokens, kind, end);
    }

    public static StatementClasses Drop(TokenList tokens, int first, int end)
    {
        var kind = first + 1;
        Span<char> buffer = stackalloc char[16];
        return Destructive | tokens.LowerWord(kind, buffer) switch
        {
            "role" or "group" or "owned" => Dcl,   // DROP OWNED drops every object the role owns
            "user" => tokens.IsWord(kind + 1, "mapping") ? Ddl : Dcl,
            "policy" => Ddl | Dcl,
            "extension" or "language" or "tablespace" or "subscription" or "event" => Ddl | Admin,
            _ => Ddl,
        };
    }

    /// <summary>The object type word after CREATE's modifiers (OR REPLACE, TEMP, UNIQUE, ...).</summary>
    private static int ObjectKind(TokenList tokens, int i)
    {
        Span<char> buffer = stackalloc char[16];
        while (tokens.LowerWord(i, buffer) is "or" or "replace" or "global" or "local" or "temp" or "temporary" or "unlogged"
            or "unique" or "trusted" or "procedural" or "default" or "recursive" or "constraint")
        {
            i++;
        }
        return i;
    }

    /// <summary>
    /// A DROP inside ALTER loses data or integrity (DROP COLUMN, DROP CONSTRAINT, DROP ATTRIBUTE, DROP
    /// [COLUMN] name) unless it removes a column property after <c>ALTER [COLUMN] name</c>: DROP DEFAULT,
    /// DROP NOT NULL, DROP EXPRESSION, DROP IDENTITY (https://www.postgresql.org/docs/current/sql-altertable.html).
    /// A type change with USING can rewrite every value, so it counts as destructive too.
    /// </summary>
    private static StatementClasses AlterDrops(TokenList tokens, int from, int end)
    {
        var depth = 0;
        for (var i = from; i < end; i++)
        {
            if (tokens.IsOpen(i))
            {
                depth++;
            }
            else if (tokens.IsClose(i))
            {
                depth--;
            }
            else if (depth == 0 && tokens.IsWord(i, "drop") && !DropsColumnProperty(tokens, i, from))
            {
                return Destructive;
            }
            else if (depth == 0 && tokens.IsWord(i, "using") && tokens.IndexOfWordAtDepth(from, i, "type") >= 0)
            {
                return Destructive;
            }
        }
        return StatementClasses.None;
    }

    private static bool DropsColumnProperty(TokenList tokens, int drop, int kind)
    {
        var afterAlterColumn = tokens.IsWord(drop - 2, "alter") || (tokens.IsWord(drop - 2, "column") && tokens.IsWord(drop - 3, "alter"));
        if (afterAlterColumn)
        {
            return tokens.IsAnyWord(drop + 1, "default", "not", "expression") || tokens.IsWord(drop + 1, "identity");
        }
        // ALTER DOMAIN name DROP DEFAULT | DROP NOT NULL
        return tokens.IsWord(kind, "domain") && tokens.IsAnyWord(drop + 1, "default", "not");
    }

    /// <summary>OWNER TO and row-level security switches change who may see what: also dcl.</summary>
    private static StatementClasses AlterGrants(TokenList tokens, int from, int end)
    {
        for (var i = from; i + 1 < end; i++)
        {
            if ((tokens.IsWord(i, "owner") && tokens.IsWord(i + 1, "to")) || (tokens.IsWord(i, "level") && tokens.IsWord(i + 1, "security")))
            {
                return Dcl;
            }
        }
        return StatementClasses.None;
    }
}
