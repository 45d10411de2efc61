using Warden.Policy;
using Warden.Policy.Loading;

namespace Warden.Silo.Hosting;

/// <summary>Loads the policy a silo starts with. An invalid policy stops the silo with every error listed.</summary>
internal static class PolicyBootstrap
{
    public const string PolicyPathKey = "Warden:PolicyPath";

    /// <summary>A development silo without a policy file starts with no targets: every connection is refused.</summary>
    private const string EmptyPolicy = "targets: {}\naccess: []\n";

    public static PolicySnapshot Load(SiloMode mode, IConfiguration configuration, string? policyYaml)
    {
        var path = mode.PolicyPath ?? configuration[PolicyPathKey];
        PolicyLoadResult result;
        if (policyYaml is not null)
        {
            result = PolicyLoader.Load(policyYaml, "demo policy");
        }
        else if (path is not null)
        {
            result = PolicyLoader.LoadFile(path);
        }
        else if (mode.DevelopmentConveniences)
        {
            Console.Error.WriteLine("warden: no policy given (--policy PATH); starting with an empty policy that refuses every connection.");
            result = PolicyLoader.Load(EmptyPolicy, "empty policy");
        }
        else
        {
            throw new InvalidOperationException($"No policy given: pass --policy PATH or set {PolicyPathKey}.");
        }
        if (!result.Succeeded)
        {
            throw new InvalidPolicyException(result.Describe(path));
        }
        return result.Snapshot;
    }
}

/// <summary>The silo refuses to start on an invalid policy; the message lists every error with its line.</summary>
internal sealed class InvalidPolicyException(string errors) : Exception("The policy is invalid:" + Environment.NewLine + errors);
