using System.Buffers;

namespace Warden.Sql.Lexing;

/// <summary>
/// The significant tokens (no whitespace or comments) of one query text, in a pooled array, with the
/// small vocabulary the splitter and classifier read them with. Indexes are absolute positions in
/// this list. Dispose returns the array to the pool.
/// </summary>
internal sealed class TokenList : IDisposable
{
    private SqlToken[] _items;

    private TokenList(string text, SqlToken[] items, int count)
    {
        Text = text;
        _items = items;
        Count = count;
    }

    public string Text { get; }

    public int Count { get; private set; }

    /// <summary>A comment runs unterminated to the end of the text (comments are not in the list).</summary>
    public bool HasUnterminatedComment { get; private set; }

    public SqlToken this[int index] => _items[index];

    public static TokenList Read(string text, bool standardConformingStrings)
    {
        var items = ArrayPool<SqlToken>.Shared.Rent(Math.Max(16, text.Length / 4));
        var list = new TokenList(text, items, 0);
        var lexer = new SqlLexer(text, standardConformingStrings);
        while (lexer.TryRead(out var token))
        {
            if (!token.IsTrivia)
            {
                list.Add(token);
            }
            else if (token.Flags != SqlTokenFlags.None)
            {
                list.HasUnterminatedComment = true;
            }
        }
        return list;
    }

    private void Add(SqlToken token)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<SqlToken>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<SqlToken>.Shared.Return(_items);
            _items = larger;
        }
        _items[Count++] = token;
    }

    public ReadOnlySpan<char> TextOf(int index) => Text.AsSpan(_items[index].Start, _items[index].Length);

    /// <summary>True when token <paramref name="index"/> is the unquoted word <paramref name="lowerWord"/> (any case).</summary>
    public bool IsWord(int index, string lowerWord) =>
        (uint)index < (uint)Count && _items[index].Kind == SqlTokenKind.Word
        && SqlCharacters.EqualsFolded(TextOf(index), lowerWord);

    public bool IsAnyWord(int index, string w1, string w2) => IsWord(index, w1) || IsWord(index, w2);

    public bool IsAnyWord(int index, string w1, string w2, string w3) => IsWord(index, w1) || IsWord(index, w2) || IsWord(index, w3);

    public bool IsWordToken(int index) => (uint)index < (uint)Count && _items[index].Kind == SqlTokenKind.Word;

    public bool IsPunctuation(int index, char c) =>
        (uint)index < (uint)Count && _items[index].Kind == SqlTokenKind.Punctuation
        && _items[index].Length == 1 && Text[_items[index].Start] == c;

    public bool IsPunctuation(int index, string punctuation) =>
        (uint)index < (uint)Count && _items[index].Kind == SqlTokenKind.Punctuation
        && TextOf(index).SequenceEqual(punctuation);

    public bool IsOperator(int index, string op) =>
        (uint)index < (uint)Count && _items[index].Kind == SqlTokenKind.Operator && TextOf(index).SequenceEqual(op);

    public bool IsOpen(int index) => IsPunctuation(index, '(');

    public bool IsClose(int index) => IsPunctuation(index, ')');

    /// <summary>
    /// The word at <paramref name="index"/> folded to lower case into <paramref name="buffer"/>; empty when it
    /// is not a word or does not fit. Lets callers <c>switch</c> on key words without allocating.
    /// </summary>
    public ReadOnlySpan<char> LowerWord(int index, Span<char> buffer)
    {
        if (!IsWordToken(index) || _items[index].Length > buffer.Length)
        {
            return [];
        }
        var text = TextOf(index);
        for (var i = 0; i < text.Length; i++)
        {
            buffer[i] = SqlCharacters.ToLowerAscii(text[i]);
        }
        return buffer[..text.Length];
    }

    /// <summary>Index of the <c>)</c> matching the <c>(</c> at <paramref name="open"/>, or <paramref name="end"/> if unbalanced.</summary>
    public int MatchingClose(int open, int end)
    {
        var depth = 0;
        for (var i = open; i < end; i++)
        {
            if (IsOpen(i))
            {
                depth++;
            }
            else if (IsClose(i) && --depth == 0)
            {
                return i;
            }
        }
        return end;
    }

    /// <summary>First index in [from, end) of word <paramref name="lowerWord"/> at the paren depth of <paramref name="from"/>, or -1.</summary>
    public int IndexOfWordAtDepth(int from, int end, string lowerWord)
    {
        var depth = 0;
        for (var i = from; i < end; i++)
        {
            if (IsOpen(i))
            {
                depth++;
            }
            else if (IsClose(i) && --depth < 0)
            {
                return -1;
            }
            else if (depth == 0 && IsWord(i, lowerWord))
            {
                return i;
            }
        }
        return -1;
    }

    public void Dispose()
    {
        var items = _items;
        _items = [];
        Count = 0;
        if (items.Length > 0)
        {
            ArrayPool<SqlToken>.Shared.Return(items);
        }
    }
}
