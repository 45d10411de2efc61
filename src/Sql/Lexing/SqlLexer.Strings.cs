namespace Warden.Sql.Lexing;

internal ref partial struct SqlLexer
{
    /// <summary>How the body of a single-quoted constant is scanned.</summary>
    private enum QuoteMode
    {
        /// <summary>'' is a quote; backslash is an ordinary character.</summary>
        Standard,

        /// <summary>'' is a quote; backslash escapes the next character, including a quote.</summary>
        Escape,

        /// <summary>B'..' and X'..': the first quote ends the constant.</summary>
        Bits,
    }

    /// <summary>
    /// Reads a single-quoted constant whose body starts at <paramref name="bodyStart"/>, including any
    /// continuation: "two string constants that are only separated by whitespace with at least one newline
    /// are concatenated" (sql-syntax-lexical.html#SQL-SYNTAX-STRINGS). The continuation is scanned in
    /// the mode of the first part, as scan.l returns to the same start state: <c>E'a'</c> + newline +
    /// <c>'\''</c> is one escape string, so a backslash there does escape the quote.
    /// </summary>
    private readonly SqlToken ReadQuoted(int start, int bodyStart, QuoteMode mode, SqlTokenKind kind)
    {
        var i = bodyStart;
        while (true)
        {
            var close = FindClosingQuote(i, mode);
            if (close < 0)
            {
                return new SqlToken(kind, start, _text.Length - start, SqlTokenFlags.Unterminated);
            }
            var nextQuote = FindContinuationQuote(close + 1);
            if (nextQuote < 0)
            {
                return new SqlToken(kind, start, close + 1 - start);
            }
            i = nextQuote + 1;
        }
    }

    /// <summary>Index of the quote that ends a body starting at <paramref name="i"/>, or -1 at end of input.</summary>
    private readonly int FindClosingQuote(int i, QuoteMode mode)
    {
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == '\\' && mode == QuoteMode.Escape)
            {
                i += 2;
                continue;
            }
            if (c == '\'')
            {
                if (mode != QuoteMode.Bits && At(i + 1) == '\'')
                {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    /// <summary>
    /// scan.l <c>quotecontinue</c>: after a closing quote, horizontal space and <c>--</c> comments, at least
    /// one newline, then spaces, newlines and <c>--</c> comments, then a quote. /* */ comments do not count.
    /// Returns the index of that quote, or -1.
    /// </summary>
    private readonly int FindContinuationQuote(int i)
    {
        var sawNewline = false;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (SqlCharacters.IsNewline(c))
            {
                sawNewline = true;
                i++;
            }
            else if (SqlCharacters.IsHorizontalSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(i + 1) == '-')
            {
                i = LineCommentEnd(i);
            }
            else
            {
                return c == '\'' && sawNewline ? i : -1;
            }
        }
        return -1;
    }

    /// <summary>
    /// <c>$n</c> parameter, <c>$tag$...$tag$</c> dollar quote, or a lone <c>$</c> (which the grammar rejects).
    /// The tag follows identifier rules without <c>$</c>, so <c>$1</c> is a parameter and never a tag
    /// (sql-syntax-lexical.html#SQL-SYNTAX-DOLLAR-QUOTING). The body ends at the first occurrence of the
    /// exact opening delimiter: tags are case-sensitive and nothing inside is escaped.
    /// </summary>
    private readonly SqlToken ReadDollar(int start)
    {
        var next = At(start + 1);
        if (SqlCharacters.IsDigit(next))
        {
            var end = start + 1;
            while (end < _text.Length && SqlCharacters.IsDigit(_text[end]))
            {
                end++;
            }
            return new SqlToken(SqlTokenKind.Parameter, start, end - start);
        }
        var tagEnd = start + 1;
        if (SqlCharacters.IsIdentifierStart(next))
        {
            while (tagEnd < _text.Length && SqlCharacters.IsDollarTagPart(_text[tagEnd]))
            {
                tagEnd++;
            }
        }
        if (At(tagEnd) != '$')
        {
            return new SqlToken(SqlTokenKind.Other, start, 1);
        }
        var delimiter = _text[start..(tagEnd + 1)];
        var bodyStart = tagEnd + 1;
        var closing = _text[bodyStart..].IndexOf(delimiter, StringComparison.Ordinal);
        return closing < 0
            ? new SqlToken(SqlTokenKind.DollarString, start, _text.Length - start, SqlTokenFlags.Unterminated)
            : new SqlToken(SqlTokenKind.DollarString, start, bodyStart + closing + delimiter.Length - start);
    }
}
