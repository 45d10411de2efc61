namespace Warden.Policy.Secrets;

/// <summary>
/// A credential part held by the gateway (an upstream user name or password). The value is reachable only through
/// <see cref="Reveal"/>, so it cannot slip into logs, exceptions or serialized output by accident:
/// <see cref="ToString"/> returns <see cref="Redacted"/>.
/// </summary>
public sealed class SecretValue
{
    private const string Mask = "***";
    private readonly string _value;

    private SecretValue(string value, SecretReference? reference, string redacted)
    {
        _value = value;
        Reference = reference;
        Redacted = redacted;
    }

    /// <summary>Where the value came from, or null when it was written literally in the policy.</summary>
    public SecretReference? Reference { get; }

    /// <summary>Text safe to show: the reference as written, <c>***</c> for a literal secret, or a literal non-secret value.</summary>
    public string Redacted { get; }

    /// <summary>A value written in the policy itself. <paramref name="confidential"/> values show as <c>***</c>.</summary>
    internal static SecretValue Literal(string value, bool confidential) =>
        new(value, null, confidential ? Mask : SecretReference.EscapeLiteral(value));

    /// <summary>A value resolved from <paramref name="reference"/>; it shows as the reference text.</summary>
    internal static SecretValue Resolved(string value, SecretReference reference) => new(value, reference, reference.Text);

    /// <summary>The real value, for opening the upstream connection only.</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;
}
