using System.Globalization;

namespace Warden.Policy.Loading;

/// <summary>Durations written as numbers with units, <c>30s</c>, <c>10m</c>, <c>1h</c>, <c>1h30m</c>, <c>2d</c>.</summary>
internal static class DurationText
{
    /// <summary>Longer approval windows are almost surely a typo (and outlive any token that asked).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var position = 0;
        long totalSeconds = 0;
        while (position < text.Length)
        {
            var digitsStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }
            if (position == digitsStart || position == text.Length || position - digitsStart > 9)
            {
                return false;
            }
            var amount = long.Parse(text.AsSpan(digitsStart, position - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture);
            long? unitSeconds = text[position] switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                _ => null,
            };
            if (unitSeconds is null)
            {
                return false;
            }
            position++;
            totalSeconds += amount * unitSeconds.Value;
            if (totalSeconds > Max.TotalSeconds)
            {
                return false;
            }
        }
        duration = TimeSpan.FromSeconds(totalSeconds);
        return totalSeconds > 0;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back to <paramref name="duration"/>, e.g. <c>1h30m</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds <= 0)
        {
            return "0s";
        }
        var text = new System.Text.StringBuilder();
        foreach (var (unit, size) in new[] { ('d', 86400L), ('h', 3600L), ('m', 60L), ('s', 1L) })
        {
            if (seconds >= size)
            {
                text.Append(CultureInfo.InvariantCulture, $"{seconds / size}{unit}");
                seconds %= size;
            }
        }
        return text.ToString();
    }
}
