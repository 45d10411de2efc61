using System.Collections.Immutable;
using Warden.Policy.Secrets;

namespace Warden.Policy.Loading;

/// <summary>Turns policy YAML (DESIGN §6) into a <see cref="PolicySnapshot"/>, or reports every problem with its line.</summary>
public static class PolicyLoader
{
    private static readonly string[] Sections = ["targets", "identity", "access", "masking", "approvals", "recording"];

    /// <param name="yamlText">The policy document.</param>
    /// <param name="sourcePath">The file it came from, if any: relative <c>${file:...}</c> paths start from its folder.</param>
    /// <param name="secrets">Resolves secret references; by default the environment and the file system.</param>
    public static PolicyLoadResult Load(string yamlText, string? sourcePath = null, ISecretResolver? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(yamlText);
        secrets ??= new DefaultSecretResolver(sourcePath is null ? null : Path.GetDirectoryName(Path.GetFullPath(sourcePath)));
        var diagnostics = new Diagnostics();
        var root = SourceTreeReader.Read(yamlText, diagnostics);
        if (root is null || MappingFields.AsMapping(root, string.Empty, diagnostics) is not { } mapping)
        {
            return PolicyLoadResult.Failure(diagnostics.Errors);
        }

        var fields = new MappingFields(mapping, string.Empty, diagnostics, Sections);
        IReadOnlyDictionary<string, ImmutableHashSet<string>> declaredRoles =
            new Dictionary<string, ImmutableHashSet<string>>();
        var targets = fields.Require("targets") is { } targetsNode
            ? TargetsSection.Read(targetsNode, secrets, diagnostics, out declaredRoles)
            : [];
        var identity = IdentitySection.Read(fields.Get("identity"), diagnostics);
        // Required even though an empty list is valid (it refuses everyone): a missing key is more likely a mistake.
        var access = fields.Require("access") is { } accessNode
            ? AccessSection.Read(accessNode, declaredRoles, diagnostics)
            : [];
        var masking = MaskingSection.Read(fields.Get("masking"), diagnostics);
        var approvals = ApprovalsSection.Read(fields.Get("approvals"), diagnostics);
        var recording = RecordingSection.Read(fields.Get("recording"), diagnostics);

        return diagnostics.HasErrors
            ? PolicyLoadResult.Failure(diagnostics.Errors)
            : PolicyLoadResult.Success(new PolicySnapshot(targets, identity, access, masking, approvals, recording));
    }

    /// <summary>Reads and loads a policy file; an unreadable file is reported as an error, not thrown.</summary>
    public static PolicyLoadResult LoadFile(string path, ISecretResolver? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return PolicyLoadResult.Failure([new PolicyError(0, 0, string.Empty, $"cannot read policy file '{path}': {e.GetType().Name}")]);
        }
        return Load(text, path, secrets);
    }
}
