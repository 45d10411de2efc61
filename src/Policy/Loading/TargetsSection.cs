using System.Collections.Immutable;
using Warden.Policy.Secrets;
using Warden.Policy.Targets;

namespace Warden.Policy.Loading;

/// <summary>The <c>targets</c> section: name → upstream database and the logins held for it.</summary>
internal static class TargetsSection
{
    private const string Path = "targets";

    /// <param name="declaredRoles">
    /// Every declared target with its declared role names, including targets that had errors, so access rules that
    /// name them are not reported a second time.
    /// </param>
    public static ImmutableArray<PolicyTarget> Read(
        SourceNode node,
        ISecretResolver secrets,
        Diagnostics diagnostics,
        out IReadOnlyDictionary<string, ImmutableHashSet<string>> declaredRoles)
    {
        var roles = new Dictionary<string, ImmutableHashSet<string>>(StringComparer.Ordinal);
        declaredRoles = roles;
        if (MappingFields.AsMapping(node, Path, diagnostics) is not { } mapping)
        {
            return [];
        }
        if (mapping.Entries.IsEmpty)
        {
            diagnostics.Add(mapping, Path, "at least one target is needed");
        }
        var targets = ImmutableArray.CreateBuilder<PolicyTarget>();
        foreach (var (key, value) in mapping.Entries)
        {
            var path = $"{Path}.{key.Value}";
            if (key.Value.Trim().Length == 0)
            {
                diagnostics.Add(key, Path, "a target name cannot be empty");
                continue;
            }
            var target = ReadTarget(key.Value, value, path, secrets, diagnostics, out var roleNames);
            roles[key.Value] = roleNames;
            if (target is not null)
            {
                targets.Add(target);
            }
        }
        return targets.ToImmutable();
    }

    private static PolicyTarget? ReadTarget(
        string name, SourceNode node, string path, ISecretResolver secrets, Diagnostics diagnostics, out ImmutableHashSet<string> roleNames)
    {
        roleNames = [];
        if (MappingFields.AsMapping(node, path, diagnostics) is not { } mapping)
        {
            return null;
        }
        var fields = new MappingFields(mapping, path, diagnostics, "host", "port", "database", "tls", "roles");
        var host = NotAReference(fields, "host", diagnostics);
        var port = fields.Integer("port", PolicyTarget.DefaultPort, 1, 65535);
        var database = NotAReference(fields, "database", diagnostics);
        var tls = fields.Choice(
            "tls",
            PolicyTarget.DefaultTls,
            ("disable", TargetTls.Disable),
            ("require", TargetTls.Require),
            ("verify-full", TargetTls.VerifyFull));
        var roles = fields.Require("roles") is { } rolesNode
            ? ReadRoles(rolesNode, fields.PathOf("roles"), secrets, diagnostics, out roleNames)
            : default;
        return host is null || database is null || roles.IsDefault
            ? null
            : new PolicyTarget(name, host, port, database, tls, roles);
    }

    /// <summary>A plain field; a <c>${...}</c> there would otherwise become a host literally named "${env:HOST}".</summary>
    private static string? NotAReference(MappingFields fields, string key, Diagnostics diagnostics)
    {
        var text = fields.RequiredString(key);
        if (text is not null && SecretReference.LooksLikeReference(text))
        {
            diagnostics.Add(fields.Get(key)!, fields.PathOf(key), "secret references are resolved only in a role's user and password");
            return null;
        }
        return text;
    }

    /// <returns>The roles, or default when any of them is invalid.</returns>
    private static ImmutableArray<TargetRole> ReadRoles(
        SourceNode node, string path, ISecretResolver secrets, Diagnostics diagnostics, out ImmutableHashSet<string> roleNames)
    {
        roleNames = [];
        if (MappingFields.AsMapping(node, path, diagnostics) is not { } mapping)
        {
            return default;
        }
        if (mapping.Entries.IsEmpty)
        {
            diagnostics.Add(mapping, path, "at least one role is needed");
            return default;
        }
        roleNames = [.. mapping.Entries.Select(e => e.Key.Value)];
        var roles = ImmutableArray.CreateBuilder<TargetRole>();
        var valid = true;
        foreach (var (key, value) in mapping.Entries)
        {
            var rolePath = $"{path}.{key.Value}";
            if (MappingFields.AsMapping(value, rolePath, diagnostics) is not { } roleMapping)
            {
                valid = false;
                continue;
            }
            var fields = new MappingFields(roleMapping, rolePath, diagnostics, "user", "password");
            var user = SecretFields.Read(fields, "user", confidential: false, secrets, diagnostics);
            var password = SecretFields.Read(fields, "password", confidential: true, secrets, diagnostics);
            if (user is null || password is null)
            {
                valid = false;
                continue;
            }
            roles.Add(new TargetRole(key.Value, user, password));
        }
        return valid ? roles.ToImmutable() : default;
    }
}
