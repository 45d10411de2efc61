using System.Globalization;

namespace Warden.Edge.Masking;

/// <summary>
/// Finds payment card numbers: 13 to 19 digits, optionally in groups separated by up to 3 spaces or dashes, that pass
/// the Luhn check (https://en.wikipedia.org/wiki/Luhn_algorithm). A run of digit groups is split into its groups;
/// every sequence of whole consecutive groups with 13 to 19 digits is checked, so a number followed by more
/// digits (<c>4111 1111 1111 1111 2025</c>) is still found, while a long unbroken number (an ID of 25 digits) is
/// not cut into pieces. Each group start tries at most 19 groups, so time is linear. Any Unicode decimal digit counts.
/// </summary>
internal static class CreditCardDetector
{
    public const int MinDigits = 13;
    public const int MaxDigits = 19;

    /// <summary>"4111 1111", "4111-1111", "4111 - 1111": at most this many separator characters between groups.</summary>
    private const int MaxSeparator = 3;

    /// <summary>Adds the [start, end) ranges of the card numbers in <paramref name="text"/>.</summary>
    public static void Find(ReadOnlySpan<char> text, List<(int Start, int End)> matches)
    {
        var groups = new List<(int Start, int End)>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsDigit(text[i]))
            {
                i++;
                continue;
            }
            // One run: digit groups joined by single separators.
            groups.Clear();
            var groupStart = i;
            while (true)
            {
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
                groups.Add((groupStart, i));
                var separator = i;
                while (separator < text.Length && separator - i < MaxSeparator && text[separator] is ' ' or '-')
                {
                    separator++;
                }
                if (separator > i && separator < text.Length && IsDigit(text[separator]))
                {
                    groupStart = i = separator;
                    continue;
                }
                break;
            }
            FindInRun(text, groups, matches);
        }
    }

    private static void FindInRun(ReadOnlySpan<char> text, List<(int Start, int End)> groups, List<(int Start, int End)> matches)
    {
        for (var first = 0; first < groups.Count; first++)
        {
            var digits = 0;
            for (var last = first; last < groups.Count; last++)
            {
                digits += groups[last].End - groups[last].Start;
                if (digits > MaxDigits)
                {
                    break;
                }
                if (digits >= MinDigits && PassesLuhn(text[groups[first].Start..groups[last].End]))
                {
                    matches.Add((groups[first].Start, groups[last].End));
                }
            }
        }
    }

    /// <summary>The Luhn check over the digits of <paramref name="number"/> (separators skipped).</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var doubled = false;
        for (var i = number.Length - 1; i >= 0; i--)
        {
            if (!IsDigit(number[i]))
            {
                continue;
            }
            var digit = CharUnicodeInfo.GetDecimalDigitValue(number[i]);
            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    internal static bool IsDigit(char c) => c < 0x80 ? char.IsAsciiDigit(c) : char.IsDigit(c);
}
