using System.Globalization;

namespace Warden.Edge.Masking;

/// <summary>
/// Finds US Social Security numbers written <c>ddd-dd-dddd</c>, not touching other digits, leaving out what the
/// SSA never issues: area 000, 666 or 900–999, group 00, serial 0000
/// (https://www.ssa.gov/employer/randomization.html). One look per digit that starts a run: linear.
/// </summary>
internal static class SsnDetector
{
    private const int Length = 11;

    public static void Find(ReadOnlySpan<char> text, List<(int Start, int End)> matches)
    {
        for (var i = 0; i + Length <= text.Length; i++)
        {
            if ((i > 0 && CreditCardDetector.IsDigit(text[i - 1])) || !IsSsn(text.Slice(i, Length)))
            {
                continue;
            }
            if (i + Length < text.Length && CreditCardDetector.IsDigit(text[i + Length]))
            {
                continue;
            }
            matches.Add((i, i + Length));
            i += Length - 1;
        }
    }

    private static bool IsSsn(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < Length; i++)
        {
            var separator = i is 3 or 6;
            if (separator ? s[i] != '-' : !CreditCardDetector.IsDigit(s[i]))
            {
                return false;
            }
        }
        var area = Number(s[..3]);
        var group = Number(s[4..6]);
        var serial = Number(s[7..]);
        return area is not (0 or 666 or >= 900) && group != 0 && serial != 0;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + CharUnicodeInfo.GetDecimalDigitValue(c);
        }
        return value;
    }
}
