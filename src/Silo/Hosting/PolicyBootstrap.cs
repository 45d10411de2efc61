using Warden.Grains.Interfaces.Policy;
using Warden.Policy;
using Warden.Policy.Loading;

namespace Warden.Silo.Hosting;

/// <summary>
/// Loads the policy a silo starts with. An invalid policy stops the silo with every error listed.
/// The text is also offered to the cluster (<see cref="Warden.Grains.Policy.PolicySync"/>): the first
/// silo's file becomes version 1; later silos adopt whatever version the cluster holds.
/// </summary>
internal static class PolicyBootstrap
{
    public const string PolicyPathKey = "Warden:PolicyPath";

    /// <summary>A development silo without a policy file starts with no targets: every connection is refused.</summary>
    private const string EmptyPolicy = "targets: {}\naccess: []\n";

    public static (PolicyDocument Document, PolicySnapshot Snapshot) Load(SiloMode mode, IConfiguration configuration, string? policyYaml)
    {
        var path = policyYaml is null ? mode.PolicyPath ?? configuration[PolicyPathKey] : null;
        string yaml;
        if (policyYaml is not null)
        {
            yaml = policyYaml;
        }
        else if (path is not null)
        {
            yaml = File.Exists(path) ? File.ReadAllText(path) : throw new InvalidPolicyException($"{path}: the policy file does not exist");
        }
        else if (mode.DevelopmentConveniences)
        {
            Console.Error.WriteLine("warden: no policy given (--policy PATH); starting with an empty policy that refuses every connection.");
            yaml = EmptyPolicy;
        }
        else
        {
            throw new InvalidOperationException($"No policy given: pass --policy PATH or set {PolicyPathKey}.");
        }
        var result = PolicyLoader.Load(yaml, path);
        if (!result.Succeeded)
        {
            throw new InvalidPolicyException(result.Describe(path));
        }
        return (new PolicyDocument(1, yaml, path), result.Snapshot);
    }
}

/// <summary>The silo refuses to start on an invalid policy; the message lists every error with its line.</summary>
internal sealed class InvalidPolicyException(string errors) : Exception("The policy is invalid:" + Environment.NewLine + errors);
