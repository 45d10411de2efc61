using System.Text;
using Warden.Sql.Lexing;

namespace Warden.Sql;

/// <summary>
/// Hides secrets written into SQL text before the text is recorded: a recording keeps every statement,
/// refused ones included, and must never hold a password.
/// </summary>
/// <remarks>
/// Replaced with <c>'********'</c>, so the statement keeps its shape for the auditor:
/// <list type="bullet">
/// <item>the literal after the word <c>PASSWORD</c>: <c>CREATE|ALTER ROLE|USER|GROUP ... [ENCRYPTED] PASSWORD 'x'</c>,
/// and <c>OPTIONS (password 'x')</c> of user mappings and foreign servers (also <c>ADD</c>/<c>SET password</c>);</item>
/// <item>any literal that mentions a password, such as a connection string for dblink or postgres_fdw
/// (<c>'host=h password=x'</c>), or a key=value list passed to a function.</item>
/// </list>
/// What it cannot see: a secret in a comment, or one built from pieces (<c>'pass' || 'word=...'</c>).
/// </remarks>
public static class SecretLiterals
{
    public const string Mask = "'********'";

    /// <summary>The text with secret literals replaced; the same instance when there is nothing to hide.</summary>
    public static string Redact(string sql)
    {
        // Every case below contains the word, so most statements cost one vectorised search.
        if (sql.IndexOf("password", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return sql;
        }
        using var tokens = TokenList.Read(sql, standardConformingStrings: true);
        StringBuilder? redacted = null;
        var copied = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsStringConstant || !(FollowsPasswordWord(tokens, i) || MentionsPassword(tokens, i)))
            {
                continue;
            }
            redacted ??= new StringBuilder(sql.Length);
            redacted.Append(sql, copied, token.Start - copied).Append(Mask);
            copied = token.End;
        }
        return redacted is null ? sql : redacted.Append(sql, copied, sql.Length - copied).ToString();
    }

    /// <summary><c>PASSWORD 'x'</c>, or an option named <c>"password"</c> in quotes.</summary>
    private static bool FollowsPasswordWord(TokenList tokens, int index) =>
        index > 0 && (tokens.IsWord(index - 1, "password") || tokens.TextOf(index - 1).SequenceEqual("\"password\""));

    private static bool MentionsPassword(TokenList tokens, int index) =>
        tokens.TextOf(index).Contains("password", StringComparison.OrdinalIgnoreCase);
}
