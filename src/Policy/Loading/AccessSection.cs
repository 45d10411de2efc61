using System.Collections.Immutable;
using Warden.Policy.Access;
using Warden.Sql;

namespace Warden.Policy.Loading;

/// <summary>The <c>access</c> section: ordered rules, checked against the declared targets and their roles.</summary>
internal static class AccessSection
{
    private const string Path = "access";

    public static ImmutableArray<AccessRule> Read(
        SourceNode node, IReadOnlyDictionary<string, ImmutableHashSet<string>> declaredRoles, Diagnostics diagnostics)
    {
        if (node is not SourceSequence sequence)
        {
            diagnostics.Add(node, Path, $"expected a list of rules, found {node.Kind}");
            return [];
        }
        var rules = ImmutableArray.CreateBuilder<AccessRule>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var path = $"{Path}[{i}]";
            if (MappingFields.AsMapping(sequence.Items[i], path, diagnostics) is not { } mapping)
            {
                continue;
            }
            var rule = ReadRule(mapping, path, declaredRoles, diagnostics, out var name);
            // Checked for invalid rules too, so fixing one error does not reveal another.
            if (name is not null && !names.TryAdd(name, mapping.Line))
            {
                diagnostics.Add(mapping, path, $"duplicate rule name '{name}' (first at line {names[name]})");
                continue;
            }
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }
        return rules.ToImmutable();
    }

    private static AccessRule? ReadRule(
        SourceMapping mapping,
        string path,
        IReadOnlyDictionary<string, ImmutableHashSet<string>> declaredRoles,
        Diagnostics diagnostics,
        out string? name)
    {
        var errorsBefore = diagnostics.Errors.Count;
        var fields = new MappingFields(
            mapping, path, diagnostics, "name", "groups", "subjects", "targets", "role", "allow", "approve", "deny", "objects");
        name = fields.RequiredString("name");
        var groups = fields.Names("groups");
        var subjects = fields.Names("subjects");
        var targets = ReadTargets(fields, declaredRoles, diagnostics);
        var role = fields.RequiredString("role");
        var (allow, approve, deny) = ReadClassLists(fields, diagnostics);
        var objects = ObjectsSection.Read(fields.Get("objects"), fields.PathOf("objects"), diagnostics);
        if (role is not null)
        {
            CheckRoleExists(fields, role, targets.IsEmpty ? declaredRoles.Keys : targets, declaredRoles, diagnostics);
        }
        return name is null || role is null || diagnostics.Errors.Count > errorsBefore
            ? null
            : new AccessRule(name, groups, subjects, targets, role, allow, approve, deny, objects);
    }

    private static ImmutableArray<string> ReadTargets(
        MappingFields fields, IReadOnlyDictionary<string, ImmutableHashSet<string>> declaredRoles, Diagnostics diagnostics)
    {
        if (fields.Get("targets") is not { } node)
        {
            return [];
        }
        var path = fields.PathOf("targets");
        var items = MappingFields.ReadNameItems(node, path, diagnostics).ToList();
        if (node is SourceSequence { Items.IsEmpty: true })
        {
            // An empty list reading as "every target" would silently widen the rule.
            diagnostics.Add(node, path, "list at least one target, or leave 'targets' out to cover every target");
        }
        foreach (var (item, target) in items)
        {
            if (!declaredRoles.ContainsKey(target))
            {
                diagnostics.Add(item, path, $"unknown target '{target}'{Suggestions.DidYouMean(target, declaredRoles.Keys)}");
            }
        }
        return [.. items.Select(i => i.Text).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The rule logs in as <paramref name="role"/> on every target it covers, so each of them must declare it.
    /// Targets that declare no roles already have their own error.
    /// </summary>
    private static void CheckRoleExists(
        MappingFields fields, string role, IEnumerable<string> coveredTargets,
        IReadOnlyDictionary<string, ImmutableHashSet<string>> declaredRoles, Diagnostics diagnostics)
    {
        foreach (var target in coveredTargets)
        {
            if (declaredRoles.TryGetValue(target, out var roles) && !roles.IsEmpty && !roles.Contains(role))
            {
                diagnostics.Add(fields.Get("role")!, fields.PathOf("role"),
                    $"unknown role '{role}' on target '{target}'{Suggestions.DidYouMean(role, roles)}");
            }
        }
    }

    /// <summary>A class in two of allow/approve/deny is a contradiction, reported rather than silently resolved.</summary>
    internal static (StatementClasses Allow, StatementClasses Approve, StatementClasses Deny) ReadClassLists(
        MappingFields fields, Diagnostics diagnostics)
    {
        var allow = fields.Classes("allow");
        var approve = fields.Classes("approve");
        var deny = fields.Classes("deny");
        ReportOverlap(fields, "allow", allow, "approve", approve, diagnostics);
        ReportOverlap(fields, "allow", allow, "deny", deny, diagnostics);
        ReportOverlap(fields, "approve", approve, "deny", deny, diagnostics);
        return (allow, approve, deny);
    }

    private static void ReportOverlap(
        MappingFields fields, string first, StatementClasses a, string second, StatementClasses b, Diagnostics diagnostics)
    {
        var both = a & b;
        if (both != StatementClasses.None)
        {
            var listed = string.Join(", ", both.ToNames().Select(n => $"'{n}'"));
            diagnostics.Add(fields.Get(second)!, fields.PathOf(second), $"{listed} listed in both '{first}' and '{second}'");
        }
    }
}
