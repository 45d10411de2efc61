namespace Warden.Policy.Loading;

/// <summary>"did you mean" hints for misspelt keys and names.</summary>
internal static class Suggestions
{
    /// <summary><c>; did you mean 'allow'?</c> for the closest candidate within a small edit distance, else empty.</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(given.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Two edits catch transpositions and doubled or dropped letters without suggesting unrelated words.
        var limit = Math.Min(2, Math.Max(1, given.Length / 3));
        return best is not null && bestDistance <= limit ? $"; did you mean '{best}'?" : string.Empty;
    }

    /// <summary>
    /// Optimal string alignment distance: Levenshtein plus adjacent transpositions, the commonest typo ('hots', 'mtach').
    /// </summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
