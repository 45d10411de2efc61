namespace Warden.Edge.Masking;

/// <summary>
/// Finds e-mail addresses in text with a hand-written scanner (no regular expression, so no backtracking): each
/// '@' extends left over local-part characters and right over domain characters. Every character is looked at a
/// bounded number of times (a domain run stops at the next '@', where the next local part starts), so time is
/// linear in the text. Lenient on purpose: non-ASCII letters (internationalised addresses), fullwidth '＠' and
/// ideographic dots count, since a missed address leaks and an extra match only hides a little text.
/// Quoted local parts (<c>"john doe"@example.com</c>) are not recognised.
/// </summary>
internal static class EmailDetector
{
    /// <summary>Adds the [start, end) ranges of the addresses in <paramref name="text"/>.</summary>
    public static void Find(ReadOnlySpan<char> text, List<(int Start, int End)> matches)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsAt(text[i]))
            {
                continue;
            }
            var start = i;
            while (start > 0 && IsLocal(text[start - 1]))
            {
                start--;
            }
            var end = i + 1;
            while (end < text.Length && IsDomain(text[end]))
            {
                end++;
            }
            // Sentence punctuation after an address ("write to a@b.org.") is not part of it.
            while (end > i + 1 && (IsDot(text[end - 1]) || text[end - 1] == '-'))
            {
                end--;
            }
            if (start < i && IsDomainName(text[(i + 1)..end]))
            {
                matches.Add((start, end));
                i = end - 1;
            }
        }
    }

    /// <summary>The whole of <paramref name="text"/> is one address; <paramref name="at"/> is where its '@' is.</summary>
    public static bool IsAddress(ReadOnlySpan<char> text, out int at)
    {
        at = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsAt(text[i]))
            {
                at = i;
                break;
            }
            if (!IsLocal(text[i]))
            {
                return false;
            }
        }
        if (at <= 0)
        {
            return false;
        }
        var domain = text[(at + 1)..];
        foreach (var c in domain)
        {
            if (!IsDomain(c))
            {
                return false;
            }
        }
        return IsDomainName(domain);
    }

    private static bool IsAt(char c) => c is '@' or '\uFF20';

    private static bool IsDot(char c) => c is '.' or '\u3002' or '\uFF0E' or '\uFF61';

    /// <summary>RFC 5322 atext and '.', any non-ASCII letter or digit, surrogates (letters outside the BMP) and U+FFFD (undecodable bytes).</summary>
    private static bool IsLocal(char c) => c < 0x80
        ? char.IsAsciiLetterOrDigit(c) || c is '.' or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~' or '-'
        : char.IsLetterOrDigit(c) || char.IsSurrogate(c) || c == '\uFFFD' || IsDot(c);

    private static bool IsDomain(char c) => c < 0x80
        ? char.IsAsciiLetterOrDigit(c) || c is '.' or '-'
        : char.IsLetterOrDigit(c) || char.IsSurrogate(c) || c == '\uFFFD' || IsDot(c);

    /// <summary>At least two non-empty labels, the last of at least two characters with a letter in it (<c>example.org</c>, <c>例子.广告</c>).</summary>
    private static bool IsDomainName(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        var labelLength = 0;
        var labelHasLetter = false;
        foreach (var c in domain)
        {
            if (IsDot(c))
            {
                if (labelLength == 0)
                {
                    return false;
                }
                labels++;
                labelLength = 0;
                labelHasLetter = false;
                continue;
            }
            labelLength++;
            labelHasLetter |= char.IsLetter(c) || char.IsSurrogate(c);
        }
        return labels >= 1 && labelLength >= 2 && labelHasLetter;
    }
}
