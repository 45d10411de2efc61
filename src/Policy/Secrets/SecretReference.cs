namespace Warden.Policy.Secrets;

public enum SecretSource
{
    /// <summary><c>${env:NAME}</c>: an environment variable of the loading process.</summary>
    Environment = 0,

    /// <summary><c>${file:PATH}</c>: a file's content (Kubernetes/Docker secret mounts), relative paths from the policy file's folder.</summary>
    File = 1,
}

/// <summary>A reference to a secret, as written in the policy. Safe to show: it names where the value lives, not the value.</summary>
public sealed record SecretReference(SecretSource Source, string Name)
{
    private const string Prefix = "${";

    /// <summary>A literal value that starts with <c>${</c> is written with the dollar doubled: <c>$${not-a-reference}</c>.</summary>
    internal const string EscapedPrefix = "$${";

    /// <summary>The reference as written in the policy, e.g. <c>${env:DEMO_READER_PASSWORD}</c>.</summary>
    public string Text => $"${{{(Source == SecretSource.Environment ? "env" : "file")}:{Name}}}";

    public override string ToString() => Text;

    /// <summary>
    /// Whether <paramref name="text"/> is meant as a reference: it starts with <c>${</c>. Such a value must then be
    /// well formed, so a typo like <c>${env:X</c> is an error instead of silently becoming a literal password.
    /// </summary>
    /// <remarks>Escape a literal with <see cref="EscapedPrefix"/>.</remarks>
    internal static bool LooksLikeReference(string text) => text.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>How a literal is written in a policy so it is not read as a reference.</summary>
    internal static string EscapeLiteral(string value) => LooksLikeReference(value) ? "$" + value : value;

    /// <summary>Parses <c>${env:NAME}</c> or <c>${file:PATH}</c>. The error text never repeats the input, which may be a secret.</summary>
    internal static bool TryParse(string text, out SecretReference? reference, out string? error)
    {
        reference = null;
        error = null;
        if (!LooksLikeReference(text) || !text.EndsWith('}'))
        {
            error = "malformed secret reference: expected ${env:NAME} or ${file:PATH}";
            return false;
        }
        var body = text[Prefix.Length..^1];
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? string.Empty : body[..colon];
        var name = colon < 0 ? string.Empty : body[(colon + 1)..];
        SecretSource? source = scheme switch
        {
            "env" => SecretSource.Environment,
            "file" => SecretSource.File,
            _ => null,
        };
        if (source is null)
        {
            error = "malformed secret reference: the scheme must be 'env' or 'file', as in ${env:NAME} or ${file:PATH}";
            return false;
        }
        if (name.Trim().Length == 0 || name.Contains('}', StringComparison.Ordinal))
        {
            error = $"malformed secret reference: ${{{scheme}:...}} needs a name";
            return false;
        }
        reference = new SecretReference(source.Value, name);
        return true;
    }
}
