namespace Warden.Sql.Lexing;

/// <summary>
/// PostgreSQL's lexical grammar (https://www.postgresql.org/docs/current/sql-syntax-lexical.html),
/// following the server's scanner (src/backend/parser/scan.l) rather than the SQL standard where they
/// differ. Yields every token, trivia included, as offsets into the text; never throws: input the
/// server would reject comes back as a token flagged <see cref="SqlTokenFlags.Unterminated"/> or
/// <see cref="SqlTokenFlags.Malformed"/>, or of kind <see cref="SqlTokenKind.Other"/>.
/// </summary>
internal ref partial struct SqlLexer
{
    private readonly ReadOnlySpan<char> _text;
    private readonly bool _standardConformingStrings;
    private int _position;

    /// <param name="text">The query text.</param>
    /// <param name="standardConformingStrings">
    /// The server's standard_conforming_strings: when off, backslash escapes '...' strings too, which moves
    /// where strings end (https://www.postgresql.org/docs/current/runtime-config-compatible.html#GUC-STANDARD-CONFORMING-STRINGS).
    /// </param>
    public SqlLexer(ReadOnlySpan<char> text, bool standardConformingStrings = true)
    {
        _text = text;
        _standardConformingStrings = standardConformingStrings;
        _position = 0;
    }

    /// <summary>All tokens of <paramref name="text"/>, trivia included (for tests and tools, not the hot path).</summary>
    public static List<SqlToken> Tokenize(string text, bool standardConformingStrings = true)
    {
        var tokens = new List<SqlToken>();
        var lexer = new SqlLexer(text, standardConformingStrings);
        while (lexer.TryRead(out var token))
        {
            tokens.Add(token);
        }
        return tokens;
    }

    public bool TryRead(out SqlToken token)
    {
        if (_position >= _text.Length)
        {
            token = default;
            return false;
        }
        var start = _position;
        token = ReadToken(start);
        _position = token.End;
        return true;
    }

    private readonly char At(int index) => index < _text.Length ? _text[index] : '\0';

    private readonly SqlToken ReadToken(int start)
    {
        var c = _text[start];
        if (SqlCharacters.IsSpace(c))
        {
            var end = start + 1;
            while (end < _text.Length && SqlCharacters.IsSpace(_text[end]))
            {
                end++;
            }
            return new SqlToken(SqlTokenKind.Whitespace, start, end - start);
        }
        if (c == '-' && At(start + 1) == '-')
        {
            return new SqlToken(SqlTokenKind.LineComment, start, LineCommentEnd(start) - start);
        }
        if (c == '/' && At(start + 1) == '*')
        {
            return ReadBlockComment(start);
        }
        if (c == '\'')
        {
            return ReadQuoted(start, start + 1, _standardConformingStrings ? QuoteMode.Standard : QuoteMode.Escape, SqlTokenKind.String);
        }
        if (c == '"')
        {
            return ReadQuotedIdentifier(start, start + 1, SqlTokenKind.QuotedIdentifier);
        }
        if (c == '$')
        {
            return ReadDollar(start);
        }
        if (SqlCharacters.IsIdentifierStart(c))
        {
            return TryReadPrefixedQuote(start, c) ?? ReadWord(start);
        }
        if (SqlCharacters.IsDigit(c) || (c == '.' && SqlCharacters.IsDigit(At(start + 1))))
        {
            return ReadNumber(start);
        }
        if (SqlCharacters.IsOperatorChar(c))
        {
            return ReadOperator(start);
        }
        return ReadPunctuation(start, c);
    }

    /// <summary>E'..', B'..', X'..', N'..', U&amp;'..' and U&amp;"..": the prefix letter must start the token.</summary>
    private readonly SqlToken? TryReadPrefixedQuote(int start, char c)
    {
        var next = At(start + 1);
        if (next == '\'')
        {
            switch (c)
            {
                case 'e' or 'E':
                    return ReadQuoted(start, start + 2, QuoteMode.Escape, SqlTokenKind.EscapeString);
                case 'b' or 'B':
                    return ReadQuoted(start, start + 2, QuoteMode.Bits, SqlTokenKind.BitString);
                case 'x' or 'X':
                    return ReadQuoted(start, start + 2, QuoteMode.Bits, SqlTokenKind.HexString);
                case 'n' or 'N':
                    return ReadQuoted(start, start + 2, _standardConformingStrings ? QuoteMode.Standard : QuoteMode.Escape, SqlTokenKind.NationalString);
            }
            return null;
        }
        if (c is 'u' or 'U' && next == '&')
        {
            if (At(start + 2) == '\'')
            {
                // scan.l refuses U&'...' while standard_conforming_strings is off ("unsafe use of string
                // constant with Unicode escapes"), so the whole query fails: flag it, lex it as standard.
                var token = ReadQuoted(start, start + 3, QuoteMode.Standard, SqlTokenKind.UnicodeString);
                return _standardConformingStrings ? token : token with { Flags = token.Flags | SqlTokenFlags.Malformed };
            }
            if (At(start + 2) == '"')
            {
                return ReadQuotedIdentifier(start, start + 3, SqlTokenKind.UnicodeQuotedIdentifier);
            }
        }
        return null;
    }

    private readonly SqlToken ReadWord(int start)
    {
        var end = start + 1;
        while (end < _text.Length && SqlCharacters.IsIdentifierPart(_text[end]))
        {
            end++;
        }
        return new SqlToken(SqlTokenKind.Word, start, end - start);
    }

    private readonly int LineCommentEnd(int start)
    {
        var end = start + 2;
        while (end < _text.Length && !SqlCharacters.IsNewline(_text[end]))
        {
            end++;
        }
        return end;
    }

    /// <summary>Block comments nest in PostgreSQL: <c>/* a /* b */ c */</c> is one comment.</summary>
    private readonly SqlToken ReadBlockComment(int start)
    {
        var depth = 1;
        var i = start + 2;
        while (i < _text.Length)
        {
            if (_text[i] == '*' && At(i + 1) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return new SqlToken(SqlTokenKind.BlockComment, start, i - start);
                }
            }
            else if (_text[i] == '/' && At(i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else
            {
                i++;
            }
        }
        return new SqlToken(SqlTokenKind.BlockComment, start, _text.Length - start, SqlTokenFlags.Unterminated);
    }

    /// <summary>
    /// <c>"..."</c> or <c>U&amp;"..."</c>; <c>""</c> stands for one quote. A zero-length quoted identifier is an error.
    /// </summary>
    private readonly SqlToken ReadQuotedIdentifier(int start, int contentStart, SqlTokenKind kind)
    {
        var i = contentStart;
        while (i < _text.Length)
        {
            if (_text[i] == '"')
            {
                if (At(i + 1) == '"')
                {
                    i += 2;
                    continue;
                }
                var flags = i == contentStart ? SqlTokenFlags.Malformed : SqlTokenFlags.None;
                return new SqlToken(kind, start, i + 1 - start, flags);
            }
            i++;
        }
        return new SqlToken(kind, start, _text.Length - start, SqlTokenFlags.Unterminated);
    }

    private readonly SqlToken ReadPunctuation(int start, char c)
    {
        var next = At(start + 1);
        if ((c == ':' && next is ':' or '=') || (c == '.' && next == '.'))
        {
            return new SqlToken(SqlTokenKind.Punctuation, start, 2);
        }
        return c is '(' or ')' or '[' or ']' or ',' or ';' or ':' or '.'
            ? new SqlToken(SqlTokenKind.Punctuation, start, 1)
            : new SqlToken(SqlTokenKind.Other, start, 1);
    }
}
