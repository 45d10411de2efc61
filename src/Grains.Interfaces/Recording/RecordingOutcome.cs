namespace Warden.Grains.Interfaces.Recording;

/// <summary>
/// The session grain's answer to a batch of events: recorded (durably, or accepted into its bounded
/// buffer in batched mode), or refused because the recording store is unavailable. An expected outcome,
/// not an exception: the edge must then fail the waiting statements closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Warden.RecordingOutcome")]
public sealed record RecordingOutcome([property: Id(0)] bool Recorded, [property: Id(1)] string? Failure)
{
    public static RecordingOutcome Success { get; } = new(true, null);

    public static RecordingOutcome Unavailable(string failure) => new(false, failure);
}

/// <summary>DESIGN §4 durability, as the edge needs it.</summary>
[Alias("Warden.RecordingDurability")]
public enum RecordingMode
{
    /// <summary>Every statement is durably recorded before it is forwarded upstream.</summary>
    Strict = 0,

    /// <summary>Events are sent on a short interval; a bounded buffer, then fail closed.</summary>
    Batched = 1,
}
