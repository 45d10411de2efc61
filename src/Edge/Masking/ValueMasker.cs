using System.Security.Cryptography;
using System.Text;
using Warden.Grains.Interfaces.Masking;

namespace Warden.Edge.Masking;

/// <summary>
/// The masking methods of <c>masking.columns</c>, on a value's text. Pure; shared by the recording's sample rows
/// and (later) the client's data path.
/// </summary>
internal static class ValueMasker
{
    /// <summary>What <c>redact</c> shows, whatever the value was.</summary>
    public const string Redacted = "****";

    /// <summary>Hex characters <c>hash</c> keeps of the HMAC-SHA256 (64 bits: equal values stay equal, collisions stay rare).</summary>
    public const int HashHexChars = 16;

    /// <summary>Values shorter than this (in Unicode scalar values) show nothing under <c>partial</c>.</summary>
    public const int PartialMinimumLength = 8;

    /// <summary>Characters <c>partial</c> keeps at the end of a long enough value that is not an e-mail address.</summary>
    public const int PartialKeptTail = 4;

    /// <summary>The masked value; null for <see cref="MaskMethod.Null"/>.</summary>
    public static string? Apply(MaskMethod method, string value, byte[] hashKey) => method switch
    {
        MaskMethod.Null => null,
        MaskMethod.Partial => Partial(value),
        MaskMethod.Hash => Hash(Encoding.UTF8.GetBytes(value), hashKey),
        _ => Redacted,
    };

    /// <summary>
    /// An e-mail address keeps its first character and its domain (<c>a***@example.com</c>), since the domain is
    /// usually what an auditor needs; anything else keeps its last 4 characters when it has at least 8
    /// (<c>****6789</c>), and nothing when shorter, where 4 characters would be half the value.
    /// </summary>
    public static string Partial(string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (EmailDetector.IsAddress(trimmed, out var at))
        {
            var first = Rune.DecodeFromUtf16(trimmed, out _, out var firstLength) == System.Buffers.OperationStatus.Done ? firstLength : 1;
            return string.Concat(trimmed[..first], "***", trimmed[at..]);
        }
        var runes = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            runes++;
        }
        if (runes < PartialMinimumLength)
        {
            return Redacted;
        }
        // The start of the last 4 scalar values (a surrogate pair is one).
        var start = value.Length;
        for (var kept = 0; kept < PartialKeptTail; kept++)
        {
            start -= start >= 2 && char.IsLowSurrogate(value[start - 1]) && char.IsHighSurrogate(value[start - 2]) ? 2 : 1;
        }
        return string.Concat(Redacted, value.AsSpan(start));
    }

    /// <summary>Keyed and deterministic: the same bytes under the same key give the same text, and without the key nothing can be tried.</summary>
    public static string Hash(ReadOnlySpan<byte> value, byte[] hashKey)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(hashKey, value, mac);
        return Convert.ToHexStringLower(mac[..(HashHexChars / 2)]);
    }
}
