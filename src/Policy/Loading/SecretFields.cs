using Warden.Policy.Secrets;

namespace Warden.Policy.Loading;

/// <summary>Reads a credential field that is either a literal or a <c>${env:...}</c>/<c>${file:...}</c> reference.</summary>
internal static class SecretFields
{
    /// <summary>
    /// The value, or null when missing or unresolvable (reported). Messages name the reference, never the value:
    /// not even a malformed reference is quoted, since it might be a literal password that starts with <c>${</c>.
    /// </summary>
    public static SecretValue? Read(MappingFields fields, string key, bool confidential, ISecretResolver resolver, Diagnostics diagnostics)
    {
        if (fields.Require(key) is not { } node || MappingFields.ReadText(node, fields.PathOf(key), diagnostics) is not { } text)
        {
            return null;
        }
        if (text.StartsWith(SecretReference.EscapedPrefix, StringComparison.Ordinal))
        {
            return SecretValue.Literal(text[1..], confidential);
        }
        if (!SecretReference.LooksLikeReference(text))
        {
            return SecretValue.Literal(text, confidential);
        }
        if (!SecretReference.TryParse(text, out var reference, out var error))
        {
            diagnostics.Add(node, fields.PathOf(key), error!);
            return null;
        }
        if (!resolver.TryResolve(reference!, out var value, out var failure))
        {
            diagnostics.Add(node, fields.PathOf(key), $"cannot resolve secret {reference}: {failure}");
            return null;
        }
        return SecretValue.Resolved(value, reference!);
    }
}
