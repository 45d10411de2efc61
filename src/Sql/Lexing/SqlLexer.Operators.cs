namespace Warden.Sql.Lexing;

internal ref partial struct SqlLexer
{
    /// <summary>
    /// An operator per sql-syntax-lexical.html#SQL-SYNTAX-OPERATORS: the longest run of operator
    /// characters, cut before any <c>--</c> or <c>/*</c> (those start comments), and stripped of trailing
    /// <c>+</c>/<c>-</c> unless the operator contains one of <c>~ ! @ # % ^ &amp; | ` ?</c>
    /// (so <c>=-</c> is <c>=</c> then <c>-</c>, but <c>@-</c> is one operator).
    /// </summary>
    private readonly SqlToken ReadOperator(int start)
    {
        var end = start + 1;
        while (end < _text.Length && SqlCharacters.IsOperatorChar(_text[end]))
        {
            if ((_text[end] == '-' && _text[end - 1] == '-') || (_text[end] == '*' && _text[end - 1] == '/'))
            {
                end--;
                break;
            }
            end++;
        }
        var length = end - start;
        while (length > 1 && _text[start + length - 1] is '+' or '-' && !ContainsNonSqlOperatorChar(start, length - 1))
        {
            length--;
        }
        return new SqlToken(SqlTokenKind.Operator, start, length);
    }

    private readonly bool ContainsNonSqlOperatorChar(int start, int length)
    {
        foreach (var c in _text.Slice(start, length))
        {
            if (SqlCharacters.IsNonSqlOperatorChar(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Numeric constants (sql-syntax-lexical.html#SQL-SYNTAX-CONSTANTS-NUMERIC): decimal with optional
    /// fraction and exponent, <c>.5</c>, and since PostgreSQL 16 <c>0x</c>/<c>0o</c>/<c>0b</c> integers and
    /// <c>_</c> between digits. <c>1..2</c> is <c>1</c> followed by <c>..</c>, as in scan.l.
    /// Trailing identifier characters end the number (PostgreSQL 16 rejects them; earlier versions read
    /// them as a separate token); either way they cannot change where a statement ends.
    /// </summary>
    private readonly SqlToken ReadNumber(int start)
    {
        if (_text[start] == '0' && RadixDigit(At(start + 1)) is { } isRadixDigit)
        {
            var first = At(start + 2);
            if (isRadixDigit(first) || (first == '_' && isRadixDigit(At(start + 3))))
            {
                return new SqlToken(SqlTokenKind.Number, start, SkipDigits(start + 2, isRadixDigit) - start);
            }
        }
        var end = _text[start] == '.' ? start : SkipDigits(start, SqlCharacters.IsDigit);
        if (At(end) == '.' && At(end + 1) != '.')
        {
            end = SqlCharacters.IsDigit(At(end + 1)) ? SkipDigits(end + 1, SqlCharacters.IsDigit) : end + 1;
        }
        if (At(end) is 'e' or 'E')
        {
            var digits = At(end + 1) is '+' or '-' ? end + 2 : end + 1;
            if (SqlCharacters.IsDigit(At(digits)))
            {
                end = SkipDigits(digits, SqlCharacters.IsDigit);
            }
        }
        return new SqlToken(SqlTokenKind.Number, start, end - start);
    }

    private static Func<char, bool>? RadixDigit(char prefix) => prefix switch
    {
        'x' or 'X' => SqlCharacters.IsHexDigit,
        'o' or 'O' => static c => c is >= '0' and <= '7',
        'b' or 'B' => static c => c is '0' or '1',
        _ => null,
    };

    /// <summary>Digits with single underscores between them.</summary>
    private readonly int SkipDigits(int i, Func<char, bool> isDigit)
    {
        while (i < _text.Length)
        {
            if (isDigit(_text[i]))
            {
                i++;
            }
            else if (_text[i] == '_' && i + 1 < _text.Length && isDigit(_text[i + 1]))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }
        return i;
    }
}
