using Warden.Sql.Lexing;

namespace Warden.Sql.Classification;

/// <summary>
/// Classes of changing a run-time setting, by SET, RESET or set_config(). Most settings are plain
/// session state; a few would let a session escape what the gateway set up for it
/// (DESIGN §3 "Defence in depth"): its role, its read-only default, trigger and foreign-key enforcement,
/// and how string literals are lexed (which moves statement boundaries the gateway has already judged).
/// Setting names are case-insensitive (https://www.postgresql.org/docs/current/config-setting.html).
/// </summary>
internal static class SettingRules
{
    private const StatementClasses SessionAdmin = StatementClasses.Session | StatementClasses.Admin;

    /// <summary>The classes of setting <paramref name="name"/> to <paramref name="value"/> (null: unknown or DEFAULT).</summary>
    public static StatementClasses ForSet(string name, string? value) => name.ToLowerInvariant() switch
    {
        "role" or "session_authorization" or "session_replication_role" => SessionAdmin,
        // Turning these on only tightens the session; anything else (off, DEFAULT, an expression) may loosen it.
        "default_transaction_read_only" or "transaction_read_only" or "standard_conforming_strings" =>
            IsBooleanTrue(value) ? StatementClasses.Session : SessionAdmin,
        // An encoding whose multi-byte characters contain ASCII quote or backslash bytes would let the next
        // statements hide from the gateway (ClientEncodings); unknown or non-literal values count as such.
        "client_encoding" => ClientEncodings.IsAsciiSafe(value) ? StatementClasses.Session : SessionAdmin,
        _ => StatementClasses.Session,
    };

    /// <summary>RESET name: back to the session's default, which for settings that matter is what the gateway chose at startup.</summary>
    public static StatementClasses ForReset(string name) =>
        // RESET client_encoding returns to the startup value, which the edge has already checked.
        name.Equals("client_encoding", StringComparison.OrdinalIgnoreCase) ? StatementClasses.Session : ForSet(name, value: null);

    /// <summary>
    /// <c>set_config(setting_name, new_value, is_local)</c> (functions-admin.html#FUNCTIONS-ADMIN-SET): the
    /// classes of the setting when both are plain literals, else the worst case.
    /// </summary>
    public static StatementClasses ForSetConfig(TokenList tokens, int open, AnalysisContext context, StatementFacts facts)
    {
        var name = SqlValues.String(tokens, open + 1, context.StandardConformingStrings);
        if (name is null || !tokens.IsPunctuation(open + 2, ','))
        {
            return SessionAdmin;
        }
        var value = SqlValues.String(tokens, open + 3, context.StandardConformingStrings);
        var valueIsLiteral = value is not null && tokens.IsPunctuation(open + 4, ',');
        return ForSet(name, valueIsLiteral ? value : null);
    }

    /// <summary>PostgreSQL's parse_bool: true, yes, on, 1 and their unambiguous prefixes, in any case.</summary>
    public static bool IsBooleanTrue(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        var v = value.ToLowerInvariant();
        return v is "1" or "on" || "true".StartsWith(v, StringComparison.Ordinal) || "yes".StartsWith(v, StringComparison.Ordinal);
    }

    /// <summary>True for defGetBoolean's false values: integer 0, false, off (EXPLAIN options).</summary>
    public static bool IsOptionFalse(TokenList tokens, int index, AnalysisContext context)
    {
        var kind = tokens[index].Kind;
        if (kind == SqlTokenKind.Number)
        {
            return tokens.TextOf(index).IndexOfAnyExcept('0') < 0;
        }
        var value = kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier
            ? SqlValues.Name(tokens, index)
            : SqlValues.String(tokens, index, context.StandardConformingStrings);
        return value is not null && (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("off", StringComparison.OrdinalIgnoreCase));
    }
}
