using Warden.Policy.Approvals;

namespace Warden.Policy.Loading;

/// <summary>The <c>approvals</c> section.</summary>
internal static class ApprovalsSection
{
    private const string Path = "approvals";

    public static ApprovalPolicy Read(SourceNode? node, Diagnostics diagnostics)
    {
        if (node is null || MappingFields.AsMapping(node, Path, diagnostics) is not { } mapping)
        {
            return ApprovalPolicy.Default;
        }
        var fields = new MappingFields(mapping, Path, diagnostics, "approverGroups", "mode", "timeout");
        var mode = fields.Choice("mode", ApprovalPolicy.DefaultMode, ("hold", ApprovalMode.Hold), ("deferred", ApprovalMode.Deferred));
        var timeout = ApprovalPolicy.DefaultTimeout;
        if (fields.Get("timeout") is { } timeoutNode
            && MappingFields.ReadText(timeoutNode, fields.PathOf("timeout"), diagnostics) is { } text
            && !DurationText.TryParse(text, out timeout))
        {
            diagnostics.Add(timeoutNode, fields.PathOf("timeout"),
                $"invalid duration '{text}': use a number with a unit (s, m, h, d), e.g. 30s, 10m, 1h30m; at most {DurationText.Max.TotalDays:0}d");
        }
        return new ApprovalPolicy(fields.Names("approverGroups"), mode, timeout);
    }
}
