namespace Warden.Grains.Sessions;

/// <summary>
/// How the cluster notices a session whose edge is gone, so it can seal the recording as interrupted.
/// Section "Warden:Sessions". Edges send at least a heartbeat every <c>Warden:Edge:RecordingHeartbeat</c>,
/// which must be well below <see cref="AbandonAfter"/>.
/// </summary>
public sealed class SessionLivenessOptions
{
    public const string SectionName = "Warden:Sessions";

    /// <summary>No call from the edge for this long: the session is sealed as interrupted.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an active session grain checks for silence.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Period of the durable reminder that wakes a session's grain on another silo after its silo was lost
    /// (Orleans' minimum reminder period applies, one minute unless configured lower).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(2);
}
