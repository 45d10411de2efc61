using System.Globalization;
using Warden.Policy.Loading;
using Warden.Policy.Masking;
using Warden.Policy.Targets;
using Warden.Sql;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Warden.Policy;

public sealed partial class PolicySnapshot
{
    /// <summary>
    /// The policy as YAML for <c>GET /api/policy</c>, with every default spelled out. Credentials appear as their
    /// <c>${env:...}</c>/<c>${file:...}</c> reference, or <c>***</c> when written literally; resolved values never do.
    /// Loading the output with the same secrets available yields an equivalent policy (literal passwords aside).
    /// </summary>
    public string ToRedactedYaml()
    {
        var root = new YamlMappingNode
        {
            { "targets", TargetsNode() },
            { "identity", IdentityNode() },
            { "access", AccessNode() },
            { "masking", MaskingNode() },
            { "approvals", ApprovalsNode() },
            { "recording", RecordingNode() },
        };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // Drop the document end marker ("...") the emitter writes: the text is meant to be read and edited.
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    private YamlMappingNode TargetsNode()
    {
        var targets = new YamlMappingNode();
        foreach (var target in Targets)
        {
            var roles = new YamlMappingNode();
            foreach (var role in target.Roles)
            {
                roles.Add(role.Name, new YamlMappingNode { { "user", role.User.Redacted }, { "password", role.Password.Redacted } });
            }
            targets.Add(target.Name, new YamlMappingNode
            {
                { "host", target.Host },
                { "port", target.Port.ToString(CultureInfo.InvariantCulture) },
                { "database", target.Database },
                { "tls", TlsName(target.Tls) },
                { "roles", roles },
            });
        }
        return targets;
    }

    private YamlMappingNode IdentityNode()
    {
        var issuers = new YamlSequenceNode();
        foreach (var issuer in Identity.Issuers)
        {
            issuers.Add(new YamlMappingNode
            {
                { "issuer", issuer.Issuer },
                { "audience", issuer.Audience },
                { "groupsClaim", issuer.GroupsClaim },
            });
        }
        return new YamlMappingNode { { "issuers", issuers } };
    }

    private YamlSequenceNode AccessNode()
    {
        var rules = new YamlSequenceNode();
        foreach (var rule in Access)
        {
            var node = new YamlMappingNode { { "name", rule.Name } };
            AddNames(node, "groups", rule.Groups);
            AddNames(node, "subjects", rule.Subjects);
            AddNames(node, "targets", rule.Targets);
            node.Add("role", rule.Role);
            AddClassLists(node, rule.Allow, rule.Approve, rule.Deny);
            if (!rule.Objects.IsEmpty)
            {
                var objects = new YamlSequenceNode();
                foreach (var entry in rule.Objects)
                {
                    var entryNode = new YamlMappingNode { { "match", entry.Match.Text } };
                    AddClassLists(entryNode, entry.Allow, entry.Approve, entry.Deny);
                    objects.Add(entryNode);
                }
                node.Add("objects", objects);
            }
            rules.Add(node);
        }
        return rules;
    }

    private YamlMappingNode MaskingNode()
    {
        var columns = new YamlMappingNode();
        foreach (var column in Masking.Columns)
        {
            columns.Add(column.QualifiedName, column.Method.ToString().ToLowerInvariant());
        }
        var detectors = Flow(Masking.Detectors.Select(d => d == MaskingDetector.CreditCard ? "credit_card" : d.ToString().ToLowerInvariant()));
        return new YamlMappingNode
        {
            { "columns", columns },
            { "detectors", detectors },
            { "exemptGroups", Flow(Masking.ExemptGroups) },
        };
    }

    private YamlMappingNode ApprovalsNode() => new()
    {
        { "approverGroups", Flow(Approvals.ApproverGroups) },
        { "mode", Approvals.Mode.ToString().ToLowerInvariant() },
        { "timeout", DurationText.Format(Approvals.Timeout) },
    };

    private YamlMappingNode RecordingNode() => new()
    {
        { "durability", Recording.Durability.ToString().ToLowerInvariant() },
        { "results", Recording.Results.ToString().ToLowerInvariant() },
    };

    private static string TlsName(TargetTls tls) => tls switch
    {
        TargetTls.Disable => "disable",
        TargetTls.VerifyFull => "verify-full",
        _ => "require",
    };

    private static void AddNames(YamlMappingNode node, string key, IEnumerable<string> names)
    {
        if (names.Any())
        {
            node.Add(key, Flow(names));
        }
    }

    private static void AddClassLists(YamlMappingNode node, StatementClasses allow, StatementClasses approve, StatementClasses deny)
    {
        foreach (var (key, classes) in new[] { ("allow", allow), ("approve", approve), ("deny", deny) })
        {
            if (classes != StatementClasses.None)
            {
                node.Add(key, Flow(classes.ToNames()));
            }
        }
    }

    private static YamlSequenceNode Flow(IEnumerable<string> items)
    {
        var sequence = new YamlSequenceNode(items.Select(i => new YamlScalarNode(i)));
        sequence.Style = SequenceStyle.Flow;
        return sequence;
    }
}
