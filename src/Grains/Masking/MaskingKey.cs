using System.Security.Cryptography;

namespace Warden.Grains.Masking;

/// <summary>
/// The key of the <c>hash</c> masking method (HMAC-SHA256): equal values hash equally under one key, so rows can
/// be correlated without being read. Not in the policy file (policies are shown over REST and kept in the control
/// database); from the silo setting <see cref="MaskingOptions.HashKey"/>, or random per process when unset.
/// </summary>
public sealed class MaskingKey
{
    public const int MinimumBytes = 16;

    private MaskingKey(byte[] bytes, bool generated)
    {
        Bytes = bytes;
        Generated = generated;
    }

    public byte[] Bytes { get; }

    /// <summary>No key was configured: this one is random, so hashes differ between silos and restarts.</summary>
    public bool Generated { get; }

    /// <summary>The configured key (base64, at least <see cref="MinimumBytes"/> bytes), or a random 32-byte one when none is set.</summary>
    /// <exception cref="FormatException">The setting is not base64 or too short.</exception>
    public static MaskingKey From(MaskingOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.HashKey))
        {
            return new MaskingKey(RandomNumberGenerator.GetBytes(32), generated: true);
        }
        var bytes = Convert.FromBase64String(options.HashKey.Trim());
        return bytes.Length >= MinimumBytes
            ? new MaskingKey(bytes, generated: false)
            : throw new FormatException($"{MaskingOptions.SectionName}:{nameof(MaskingOptions.HashKey)} must hold at least {MinimumBytes} bytes (base64)");
    }

    public override string ToString() => Generated ? "MaskingKey (generated)" : "MaskingKey (configured)";
}

/// <summary>Silo settings for masking. Section "Warden:Masking".</summary>
public sealed class MaskingOptions
{
    public const string SectionName = "Warden:Masking";

    /// <summary>
    /// Base64 key (at least 16 bytes; 32 random bytes recommended) of the <c>hash</c> masking method. Give every
    /// silo of a cluster the same one. Unset: a random key per silo process, with a warning at start.
    /// </summary>
    public string? HashKey { get; set; }
}
