using Warden.Grains.Interfaces.Recording;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Grains.Sessions;

/// <summary>
/// What a session grain persists: enough for another silo to carry the session on, or to seal its
/// recording, after the silo holding it is lost. Written at open and at close only, never per statement.
/// </summary>
[GenerateSerializer, Alias("Warden.SessionGrainState")]
public sealed class SessionGrainState
{
    [Id(0)]
    public SessionRequest? Request { get; set; }

    [Id(1)]
    public string? Role { get; set; }

    [Id(2)]
    public DateTimeOffset OpenedAt { get; set; }

    [Id(3)]
    public RecordingMode Recording { get; set; }

    /// <summary>Why the session ended, once it has; kept until the seal lands so a retry seals with it.</summary>
    [Id(4)]
    public string? CloseReason { get; set; }

    /// <summary>Hash of the seal line: the anchor an auditor checks the stored recording against.</summary>
    [Id(5)]
    public string? AnchorHash { get; set; }

    [Id(6)]
    public bool Interrupted { get; set; }

    public bool IsSealed => AnchorHash is not null;
}
