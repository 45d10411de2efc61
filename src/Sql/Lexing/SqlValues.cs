using System.Globalization;
using System.Text;

namespace Warden.Sql.Lexing;

/// <summary>
/// Values of name and string tokens, decoded the way the server decodes them, for the few places
/// where the classifier must know a value: function names, setting names, prepared statement names.
/// Returns null when a value cannot be decoded with certainty (the caller then assumes the worst).
/// </summary>
internal static class SqlValues
{
    /// <summary>
    /// A name as the server sees it: unquoted words folded to lower case (ASCII only), <c>"..."</c> kept
    /// as written, <c>U&amp;"..."</c> unescaped, honouring a following <c>UESCAPE 'c'</c>
    /// (sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).
    /// </summary>
    public static string? Name(TokenList tokens, int index)
    {
        if ((uint)index >= (uint)tokens.Count || tokens[index].IsFaulty)
        {
            return null;
        }
        var text = tokens.TextOf(index);
        switch (tokens[index].Kind)
        {
            case SqlTokenKind.Word:
                return Fold(text);
            case SqlTokenKind.QuotedIdentifier:
                return text[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
            case SqlTokenKind.UnicodeQuotedIdentifier:
                var body = text[3..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal);
                return TryGetUnicodeEscape(tokens, index, out var escape) ? Unescape(body, escape) : null;
            default:
                return null;
        }
    }

    private static string Fold(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            buffer[i] = SqlCharacters.ToLowerAscii(text[i]);
        }
        return buffer.ToString();
    }

    /// <summary>The value of a string constant token, or null if it is not one or cannot be decoded.</summary>
    public static string? String(TokenList tokens, int index, bool standardConformingStrings)
    {
        if ((uint)index >= (uint)tokens.Count || tokens[index].IsFaulty)
        {
            return null;
        }
        var text = tokens.TextOf(index);
        switch (tokens[index].Kind)
        {
            case SqlTokenKind.String:
                return DecodeQuoted(text, 1, backslashEscapes: !standardConformingStrings);
            case SqlTokenKind.NationalString:
                return DecodeQuoted(text, 2, backslashEscapes: !standardConformingStrings);
            case SqlTokenKind.EscapeString:
                return DecodeQuoted(text, 2, backslashEscapes: true);
            case SqlTokenKind.DollarString:
                var tagLength = text[1..].IndexOf('$') + 2;
                return text[tagLength..^tagLength].ToString();
            case SqlTokenKind.UnicodeString:
                var raw = DecodeQuoted(text, 3, backslashEscapes: false);
                return raw is not null && TryGetUnicodeEscape(tokens, index, out var escape) ? Unescape(raw, escape) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Body of a single-quoted constant, following continuations ("'a'\n'b'" is "ab").
    /// Backslash escapes per sql-syntax-lexical.html#SQL-SYNTAX-STRINGS-ESCAPE.
    /// </summary>
    private static string? DecodeQuoted(ReadOnlySpan<char> text, int i, bool backslashEscapes)
    {
        var value = new StringBuilder(text.Length);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }
                i = NextSegment(text, i + 1);
                if (i < 0)
                {
                    return value.ToString();
                }
                continue;
            }
            if (c == '\\' && backslashEscapes)
            {
                if (!TryAppendBackslashEscape(text, ref i, value))
                {
                    return null;
                }
                continue;
            }
            value.Append(c);
            i++;
        }
        return null;
    }

    /// <summary>After a closing quote, the index past the next segment's opening quote, or -1 at the end.</summary>
    private static int NextSegment(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && text[i] != '\'')
        {
            if (text[i] == '-')
            {
                while (i < text.Length && !SqlCharacters.IsNewline(text[i]))
                {
                    i++;
                }
                continue;
            }
            i++;
        }
        return i < text.Length ? i + 1 : -1;
    }

    private static bool TryAppendBackslashEscape(ReadOnlySpan<char> text, ref int i, StringBuilder value)
    {
        if (i + 1 >= text.Length)
        {
            return false;
        }
        var e = text[i + 1];
        i += 2;
        switch (e)
        {
            case 'b': value.Append('\b'); return true;
            case 'f': value.Append('\f'); return true;
            case 'n': value.Append('\n'); return true;
            case 'r': value.Append('\r'); return true;
            case 't': value.Append('\t'); return true;
            case >= '0' and <= '7':
                return AppendCode(text, ref i, value, start: i - 1, maxDigits: 3, radix: 8);
            case 'x' when i < text.Length && SqlCharacters.IsHexDigit(text[i]):
                return AppendCode(text, ref i, value, start: i, maxDigits: 2, radix: 16);
            case 'u':
                return AppendCode(text, ref i, value, start: i, maxDigits: 4, radix: 16, exactDigits: true);
            case 'U':
                return AppendCode(text, ref i, value, start: i, maxDigits: 8, radix: 16, exactDigits: true);
            default:
                value.Append(e);
                return true;
        }
    }

    private static bool AppendCode(ReadOnlySpan<char> text, ref int i, StringBuilder value, int start, int maxDigits, int radix, bool exactDigits = false)
    {
        var end = start;
        while (end < text.Length && end - start < maxDigits
            && (radix == 8 ? text[end] is >= '0' and <= '7' : SqlCharacters.IsHexDigit(text[end])))
        {
            end++;
        }
        if (end == start || (exactDigits && end - start != maxDigits))
        {
            return false;
        }
        var code = 0;
        foreach (var d in text[start..end])
        {
            code = (code * radix) + HexValue(d);
        }
        i = end;
        return AppendCodePoint(value, code);
    }

    private static int HexValue(char d) => d switch
    {
        >= '0' and <= '9' => d - '0',
        >= 'a' and <= 'f' => d - 'a' + 10,
        _ => d - 'A' + 10,
    };

    private static bool AppendCodePoint(StringBuilder value, int code)
    {
        if (code is <= 0 or > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
        {
            return false;
        }
        value.Append(char.ConvertFromUtf32(code));
        return true;
    }

    /// <summary>The escape character of a U&amp; token: <c>\</c>, or the one named by a following <c>UESCAPE 'c'</c>.</summary>
    private static bool TryGetUnicodeEscape(TokenList tokens, int index, out char escape)
    {
        escape = '\\';
        if (!tokens.IsWord(index + 1, "uescape"))
        {
            return true;
        }
        var chosen = tokens[index + 2].Kind == SqlTokenKind.String ? tokens.TextOf(index + 2) : [];
        if (chosen.Length != 3 || SqlCharacters.IsHexDigit(chosen[1]) || chosen[1] is '+' or '\'' or '"' || SqlCharacters.IsSpace(chosen[1]))
        {
            return false;
        }
        escape = chosen[1];
        return true;
    }

    /// <summary>Unicode escapes <c>\XXXX</c>, <c>\+XXXXXX</c> and <c>\\</c> (with the chosen escape character).</summary>
    private static string? Unescape(string body, char escape)
    {
        var value = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != escape)
            {
                value.Append(body[i]);
                continue;
            }
            if (i + 1 < body.Length && body[i + 1] == escape)
            {
                value.Append(escape);
                i++;
                continue;
            }
            var plus = i + 1 < body.Length && body[i + 1] == '+';
            var digits = plus ? 6 : 4;
            var start = plus ? i + 2 : i + 1;
            if (start + digits > body.Length
                || !int.TryParse(body.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                return null;
            }
            if (code is >= 0xD800 and <= 0xDBFF && TryReadLowSurrogate(body, start + digits, escape, out var low, out var next))
            {
                value.Append((char)code).Append(low);
                i = next - 1;
                continue;
            }
            if (!AppendCodePoint(value, code))
            {
                return null;
            }
            i = start + digits - 1;
        }
        return value.ToString();
    }

    private static bool TryReadLowSurrogate(string body, int i, char escape, out char low, out int next)
    {
        low = '\0';
        next = i;
        if (i + 5 > body.Length || body[i] != escape
            || !int.TryParse(body.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code is < 0xDC00 or > 0xDFFF)
        {
            return false;
        }
        low = (char)code;
        next = i + 5;
        return true;
    }
}
