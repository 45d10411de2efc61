using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>Commands recognised by their first key word alone, or by a short fixed prefix.</summary>
internal static class SessionClassifier
{
    private const StatementClasses Transaction = StatementClasses.Transaction;

    public static (string Command, StatementClasses Classes) Classify(
        ReadOnlySpan<char> word, TokenList tokens, int first, int end, AnalysisContext context, StatementFacts facts) => word switch
    {
        "set" => ("SET", Set(tokens, first, end, context)),
        "reset" => ("RESET", Reset(tokens, first)),
        "show" => ("SHOW", StatementClasses.Read),
        "begin" or "start" => (word is "begin" ? "BEGIN" : "START", Transaction | ReadWriteEscape(tokens, first, end, context)),
        // COMMIT PREPARED / ROLLBACK PREPARED finish a two-phase transaction, possibly another session's
        // (https://www.postgresql.org/docs/current/sql-commit-prepared.html).
        "commit" => ("COMMIT", Transaction | (tokens.IsWord(first + 1, "prepared") ? StatementClasses.Admin : 0)),
        "rollback" => ("ROLLBACK", Transaction | (tokens.IsWord(first + 1, "prepared") ? StatementClasses.Admin : 0)),
        "end" => ("END", Transaction),
        "abort" => ("ABORT", Transaction),
        "savepoint" => ("SAVEPOINT", Transaction),
        "release" => ("RELEASE", Transaction),
        "deallocate" => ("DEALLOCATE", Deallocate(tokens, first, context, facts)),
        "discard" => ("DISCARD", Discard(tokens, first, context, facts)),
        "listen" => ("LISTEN", StatementClasses.Session),
        "unlisten" => ("UNLISTEN", StatementClasses.Session),
        // NOTIFY reaches other sessions; PostgreSQL refuses it in a read-only transaction.
        "notify" => ("NOTIFY", StatementClasses.Write),
        "fetch" => ("FETCH", StatementClasses.Read),
        "move" => ("MOVE", StatementClasses.Read),
        "close" => ("CLOSE", StatementClasses.Session),
        "truncate" => ("TRUNCATE", StatementClasses.Write | StatementClasses.Destructive),
        // LOCK blocks other sessions' writes (or reads, for the default ACCESS EXCLUSIVE mode).
        "lock" => ("LOCK", StatementClasses.Write),
        "refresh" => ("REFRESH", StatementClasses.Write),
        "grant" => ("GRANT", StatementClasses.Dcl),
        "revoke" => ("REVOKE", StatementClasses.Dcl),
        "reassign" => ("REASSIGN", StatementClasses.Dcl),
        "comment" => ("COMMENT", StatementClasses.Ddl),
        "security" => ("SECURITY LABEL", StatementClasses.Ddl),
        "import" => ("IMPORT", StatementClasses.Ddl),
        // Maintenance: these rewrite storage, take strong locks and load the server, but change no data.
        "vacuum" => ("VACUUM", StatementClasses.Admin),
        "analyze" or "analyse" => ("ANALYZE", StatementClasses.Admin),
        "reindex" => ("REINDEX", StatementClasses.Admin),
        "cluster" => ("CLUSTER", StatementClasses.Admin),
        "checkpoint" => ("CHECKPOINT", StatementClasses.Admin),
        "load" => ("LOAD", StatementClasses.Admin),
        // CALL and DO run arbitrary procedural code the analyzer cannot see.
        "call" => ("CALL", facts.Unknown("CALL runs a procedure's code, which the analyzer does not see")),
        "do" => ("DO", facts.Unknown("DO runs an anonymous code block")),
        _ => ("?", facts.Unknown("unrecognised command")),
    };

    /// <summary>
    /// SET (https://www.postgresql.org/docs/current/sql-set.html), SET ROLE, SET SESSION AUTHORIZATION,
    /// SET TRANSACTION and SET SESSION CHARACTERISTICS AS TRANSACTION.
    /// </summary>
    private static StatementClasses Set(TokenList tokens, int first, int end, AnalysisContext context)
    {
        var i = first + 1;
        if (tokens.IsWord(i, "session") && tokens.IsWord(i + 1, "characteristics"))
        {
            return StatementClasses.Session | ReadWriteEscape(tokens, i, end, context);
        }
        if (IsSessionAuthorization(tokens, i))
        {
            return SettingRules.ForSet("session_authorization", null);
        }
        if (tokens.IsAnyWord(i, "session", "local") && !IsAssignment(tokens, i + 1) && !tokens.IsPunctuation(i + 1, '.'))
        {
            i++;
        }
        if (IsSessionAuthorization(tokens, i))
        {
            return SettingRules.ForSet("session_authorization", null);
        }
        if (tokens.IsWord(i, "transaction"))
        {
            return Transaction | ReadWriteEscape(tokens, i, end, context);
        }
        if (tokens.IsWord(i, "role") && !IsAssignment(tokens, i + 1))
        {
            return SettingRules.ForSet("role", null);
        }
        var name = DottedName(tokens, ref i);
        if (name is null)
        {
            return StatementClasses.Session;
        }
        if (name == "names" && !IsAssignment(tokens, i))
        {
            // SET NAMES 'x' is SET client_encoding TO 'x' (sql-set.html).
            return SettingRules.ForSet("client_encoding", i + 1 == end ? SetValue(tokens, i, context) : null);
        }
        if (!IsAssignment(tokens, i))
        {
            // SET TIME ZONE, SET SCHEMA, SET XML OPTION: fixed-form session settings.
            return StatementClasses.Session;
        }
        var value = i + 2 == end ? SetValue(tokens, i + 1, context) : null;
        return SettingRules.ForSet(name, value);
    }

    private static bool IsSessionAuthorization(TokenList tokens, int i) =>
        tokens.IsWord(i, "session") && tokens.IsWord(i + 1, "authorization");

    private static bool IsAssignment(TokenList tokens, int i) => tokens.IsWord(i, "to") || tokens.IsOperator(i, "=");

    private static string? SetValue(TokenList tokens, int index, AnalysisContext context) => tokens[index].Kind switch
    {
        SqlTokenKind.Word when tokens.IsWord(index, "default") => null,
        SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier => SqlValues.Name(tokens, index),
        SqlTokenKind.Number => tokens.TextOf(index).ToString(),
        _ => SqlValues.String(tokens, index, context.StandardConformingStrings),
    };

    /// <summary>A setting name, possibly a custom <c>prefix.name</c>; advances <paramref name="i"/> past it.</summary>
    private static string? DottedName(TokenList tokens, ref int i)
    {
        var name = SqlValues.Name(tokens, i);
        if (name is null)
        {
            return null;
        }
        i++;
        while (tokens.IsPunctuation(i, '.') && SqlValues.Name(tokens, i + 1) is { } part)
        {
            name = $"{name}.{part}";
            i += 2;
        }
        return name;
    }

    private static StatementClasses Reset(TokenList tokens, int first)
    {
        var i = first + 1;
        if (tokens.IsWord(i, "session") && tokens.IsWord(i + 1, "authorization"))
        {
            return SettingRules.ForReset("session_authorization");
        }
        if (tokens.IsWord(i, "all"))
        {
            // RESET ALL returns read-only defaults to the values the session started with, which the gateway
            // sets in the startup packet; it leaves role and session authorization alone (sql-reset.html).
            return StatementClasses.Session;
        }
        var name = DottedName(tokens, ref i);
        return name is null ? StatementClasses.Session : SettingRules.ForReset(name);
    }

    /// <summary>
    /// Transaction modes READ WRITE would escape the read-only transactions the gateway opens for read
    /// rules (https://www.postgresql.org/docs/current/sql-set-transaction.html).
    /// </summary>
    private static StatementClasses ReadWriteEscape(TokenList tokens, int from, int end, AnalysisContext context)
    {
        if (!context.Options.ReadOnlySession)
        {
            return StatementClasses.None;
        }
        for (var i = from; i + 1 < end; i++)
        {
            if (tokens.IsWord(i, "read") && tokens.IsWord(i + 1, "write"))
            {
                return StatementClasses.Admin;
            }
        }
        return StatementClasses.None;
    }

    private static StatementClasses Deallocate(TokenList tokens, int first, AnalysisContext context, StatementFacts facts)
    {
        var i = tokens.IsWord(first + 1, "prepare") ? first + 2 : first + 1;
        if (tokens.IsWord(i, "all"))
        {
            context.DeallocateAll();
            facts.PreparedStatementChange = new PreparedStatementChange(PreparedStatementChangeKind.DeallocateAll, null, StatementClasses.None);
        }
        else if (SqlValues.Name(tokens, i) is { } name)
        {
            context.Deallocate(name);
            facts.PreparedStatementChange = new PreparedStatementChange(PreparedStatementChangeKind.Deallocate, name, StatementClasses.None);
        }
        return StatementClasses.Session;
    }

    /// <summary>DISCARD ALL also deallocates every prepared statement (https://www.postgresql.org/docs/current/sql-discard.html).</summary>
    private static StatementClasses Discard(TokenList tokens, int first, AnalysisContext context, StatementFacts facts)
    {
        if (tokens.IsWord(first + 1, "all"))
        {
            context.DeallocateAll();
            facts.PreparedStatementChange = new PreparedStatementChange(PreparedStatementChangeKind.DeallocateAll, null, StatementClasses.None);
        }
        return StatementClasses.Session;
    }
}
