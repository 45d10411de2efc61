using System.Globalization;
using System.Text;

namespace Warden.Recording;

/// <summary>Makes recorded text safe to print on a terminal: no control or formatting characters (escape
/// sequences, bidi overrides, zero-width characters), bounded length.</summary>
internal static class TextSanitizer
{
    /// <summary>One line: every control or formatting character becomes '?', then cut to <paramref name="max"/>.</summary>
    public static string Clean(string? text, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, max + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= max)
            {
                return builder.Append('…').ToString();
            }

            builder.Append(IsUnsafe(rune) ? "?" : rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Statement text on one line: whitespace runs (newlines included) become one space.</summary>
    public static string Statement(string? sql, int max)
    {
        if (string.IsNullOrEmpty(sql))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(sql.Length, max));
        var space = false;
        foreach (var c in sql.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            if (builder.Length > max * 2)
            {
                break;
            }
        }

        return Clean(builder.ToString(), max);
    }

    private static bool IsUnsafe(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse;
}
