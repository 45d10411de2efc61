using System.Globalization;

namespace Warden.Silo.Demo;

/// <summary>
/// Deterministic fake customers: the same list on every run, so demos, docs and tests can refer to
/// rows by id. Nothing here can be a real person's data:
/// <list type="bullet">
/// <item>emails use example.com / example.org / example.net, reserved for documentation (RFC 2606);</item>
/// <item>SSNs use areas 900–999, which the US SSA never issues (they are the ITIN range);</item>
/// <item>card numbers use the issuers' published test prefixes and pass the Luhn check, as payment
/// test cards do, so content detectors recognise them.</item>
/// </list>
/// </summary>
internal static class DemoCustomers
{
    private static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Barbara", "Brian", "Carla", "Chen", "Dana", "Diego", "Elena", "Emeka",
        "Fatima", "Felix", "Grace", "Hannah", "Hiro", "Ines", "Ivan", "Jamal", "Julia", "Kenji",
        "Lara", "Leo", "Maria", "Mateo", "Nadia", "Noah", "Olga", "Omar", "Priya", "Quinn",
        "Rosa", "Sami", "Sofia", "Tariq", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe",
    ];

    private static readonly string[] LastNames =
    [
        "Abbott", "Bauer", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito", "Jensen",
        "Kowalski", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka",
        "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zimmer", "Novak", "Silva", "Murphy", "Lindqvist",
    ];

    private static readonly string[] EmailDomains = ["example.com", "example.org", "example.net"];

    // Visa and Mastercard test-card prefixes (as used by payment processors' sandboxes).
    private static readonly string[] TestCardPrefixes = ["400000", "411111", "555555", "510510"];

    /// <summary>Generates <paramref name="count"/> customers; row i is always the same.</summary>
    internal static IEnumerable<DemoCustomer> Generate(int count)
    {
        // A fixed-seed generator of our own, so the data does not depend on System.Random's algorithm.
        var random = new SplitMix64(0x5EED_DA7A_2024UL);
        for (var i = 0; i < count; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var name = $"{first} {last}";
            var email = string.Create(CultureInfo.InvariantCulture, $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}{i + 1}@{EmailDomains[i % EmailDomains.Length]}");
            yield return new DemoCustomer(name, email, NextSsn(random), NextCardNumber(random));
        }
    }

    /// <summary>NNN-NN-NNNN with area 900–999 (never issued as an SSN).</summary>
    private static string NextSsn(SplitMix64 random)
    {
        var area = 900 + random.Next(100);
        var group = 1 + random.Next(99);
        var serial = 1 + random.Next(9999);
        return string.Create(CultureInfo.InvariantCulture, $"{area:000}-{group:00}-{serial:0000}");
    }

    /// <summary>A 16-digit test-prefix card number whose last digit is the Luhn check digit.</summary>
    private static string NextCardNumber(SplitMix64 random)
    {
        var digits = new char[16];
        var prefix = TestCardPrefixes[random.Next(TestCardPrefixes.Length)];
        prefix.CopyTo(digits);
        for (var i = prefix.Length; i < 15; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        digits[15] = (char)('0' + Luhn.CheckDigit(digits.AsSpan(0, 15)));
        return new string(digits);
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and stable across runtimes.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        internal int Next(int exclusiveMax)
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)exclusiveMax);
        }
    }
}

/// <summary>The Luhn (mod 10) checksum used by payment card numbers.</summary>
internal static class Luhn
{
    /// <summary>The digit to append to <paramref name="payload"/> so the whole number passes the check.</summary>
    internal static int CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        // Doubling starts with the rightmost payload digit, since the check digit will sit to its right.
        for (int i = payload.Length - 1, position = 0; i >= 0; i--, position++)
        {
            var digit = payload[i] - '0';
            if (position % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Whether a string of digits passes the Luhn check.</summary>
    internal static bool IsValid(ReadOnlySpan<char> number) =>
        number.Length >= 2 && CheckDigit(number[..^1]) == number[^1] - '0';
}
