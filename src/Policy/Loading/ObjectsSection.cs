using System.Collections.Immutable;
using Warden.Policy.Access;

namespace Warden.Policy.Loading;

/// <summary>A rule's <c>objects</c> list: per-relation class lists keyed by a <c>schema.table</c> pattern.</summary>
internal static class ObjectsSection
{
    public static ImmutableArray<ObjectRule> Read(SourceNode? node, string path, Diagnostics diagnostics)
    {
        if (node is null)
        {
            return [];
        }
        if (node is not SourceSequence sequence)
        {
            diagnostics.Add(node, path, $"expected a list of {{match, allow, approve, deny}} entries, found {node.Kind}");
            return [];
        }
        var entries = ImmutableArray.CreateBuilder<ObjectRule>();
        for (var i = 0; i < sequence.Items.Length; i++)
        {
            var entryPath = $"{path}[{i}]";
            if (MappingFields.AsMapping(sequence.Items[i], entryPath, diagnostics) is not { } mapping)
            {
                continue;
            }
            var fields = new MappingFields(mapping, entryPath, diagnostics, "match", "allow", "approve", "deny");
            var matchText = fields.RequiredString("match");
            var (allow, approve, deny) = AccessSection.ReadClassLists(fields, diagnostics);
            if (matchText is null)
            {
                continue;
            }
            if (!ObjectPattern.TryParse(matchText, out var pattern, out var error))
            {
                diagnostics.Add(fields.Get("match")!, fields.PathOf("match"), error!);
                continue;
            }
            entries.Add(new ObjectRule(pattern!, allow, approve, deny));
        }
        return entries.ToImmutable();
    }
}
