namespace Warden.Sql.Lexing;

/// <summary>
/// Character classes of PostgreSQL's scanner (src/backend/parser/scan.l). The scanner works on bytes and
/// treats every byte with the high bit set as a letter, so in UTF-16 every char at or above U+0080
/// (including surrogates and U+00A0 no-break space) belongs to identifiers, never to whitespace.
/// </summary>
internal static class SqlCharacters
{
    /// <summary>scan.l <c>space</c>: space, tab, newline, carriage return, form feed. Not vertical tab.</summary>
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    public static bool IsHorizontalSpace(char c) => c is ' ' or '\t' or '\f';

    public static bool IsNewline(char c) => c is '\n' or '\r';

    /// <summary>scan.l <c>ident_start</c>: <c>[A-Za-z\200-\377_]</c>.</summary>
    public static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or >= '\u0080';

    /// <summary>scan.l <c>ident_cont</c>: <c>[A-Za-z\200-\377_0-9\$]</c>.</summary>
    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c) || c == '$';

    /// <summary>scan.l <c>dolq_cont</c>: like identifiers but without <c>$</c>.</summary>
    public static bool IsDollarTagPart(char c) => IsIdentifierStart(c) || IsDigit(c);

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    /// <summary>scan.l <c>op_chars</c>.</summary>
    public static bool IsOperatorChar(char c) => c is '~' or '!' or '@' or '#' or '^' or '&' or '|' or '`' or '?'
        or '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=';

    /// <summary>
    /// Characters that let a multi-character operator end in <c>+</c> or <c>-</c>
    /// (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-OPERATORS).
    /// </summary>
    public static bool IsNonSqlOperatorChar(char c) => c is '~' or '!' or '@' or '#' or '%' or '^' or '&' or '|' or '`' or '?';

    /// <summary>PostgreSQL folds only ASCII letters of unquoted identifiers in multi-byte encodings.</summary>
    public static char ToLowerAscii(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;

    /// <summary>True when <paramref name="text"/> equals the lower-case ASCII <paramref name="lowerWord"/> after folding.</summary>
    public static bool EqualsFolded(ReadOnlySpan<char> text, string lowerWord)
    {
        if (text.Length != lowerWord.Length)
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (ToLowerAscii(text[i]) != lowerWord[i])
            {
                return false;
            }
        }
        return true;
    }
}
