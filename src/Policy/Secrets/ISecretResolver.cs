using System.Diagnostics.CodeAnalysis;

namespace Warden.Policy.Secrets;

/// <summary>Looks up the values of <c>${env:...}</c> and <c>${file:...}</c> references while a policy loads.</summary>
public interface ISecretResolver
{
    /// <summary>
    /// Resolves <paramref name="reference"/>. On failure, <paramref name="failure"/> says why (e.g. "is not set")
    /// and must never contain the value or any part of it.
    /// </summary>
    bool TryResolve(SecretReference reference, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? failure);
}
