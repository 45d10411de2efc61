using Warden.Policy.Recording;

namespace Warden.Policy.Loading;

/// <summary>The <c>recording</c> section.</summary>
internal static class RecordingSection
{
    private const string Path = "recording";

    public static RecordingPolicy Read(SourceNode? node, Diagnostics diagnostics)
    {
        if (node is null || MappingFields.AsMapping(node, Path, diagnostics) is not { } mapping)
        {
            return RecordingPolicy.Default;
        }
        var fields = new MappingFields(mapping, Path, diagnostics, "durability", "results");
        var durability = fields.Choice(
            "durability", RecordingPolicy.DefaultDurability, ("strict", RecordingDurability.Strict), ("batched", RecordingDurability.Batched));
        var results = fields.Choice(
            "results", RecordingPolicy.DefaultResults, ("none", RecordedResults.None), ("masked", RecordedResults.Masked));
        return new RecordingPolicy(durability, results);
    }
}
