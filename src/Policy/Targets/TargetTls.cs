namespace Warden.Policy.Targets;

/// <summary>How the gateway connects to a target. YAML: <c>disable | require | verify-full</c>.</summary>
/// <remarks>
/// The default when a target omits <c>tls</c> is <see cref="Require"/>: encrypted, yet it works against a
/// server with a self-signed certificate. <see cref="VerifyFull"/> is stronger but needs the server's CA to be
/// trusted, so it cannot be a default that works everywhere; <see cref="Disable"/> must be asked for explicitly.
/// </remarks>
public enum TargetTls
{
    Disable = 0,
    Require = 1,
    VerifyFull = 2,
}
