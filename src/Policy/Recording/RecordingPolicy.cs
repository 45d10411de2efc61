namespace Warden.Policy.Recording;

/// <summary>The <c>recording</c> section (DESIGN §4).</summary>
public sealed class RecordingPolicy
{
    public const RecordingDurability DefaultDurability = RecordingDurability.Strict;

    public const RecordedResults DefaultResults = RecordedResults.Masked;

    /// <summary>Used when the section is omitted: the safest choices (nothing forwarded unrecorded, only masked rows kept).</summary>
    internal static readonly RecordingPolicy Default = new(DefaultDurability, DefaultResults);

    internal RecordingPolicy(RecordingDurability durability, RecordedResults results)
    {
        Durability = durability;
        Results = results;
    }

    public RecordingDurability Durability { get; }

    public RecordedResults Results { get; }
}
