namespace Warden.Grains.Interfaces.Sessions;

/// <summary>What the cluster itself knows about a session (the REST API adds what the recording store holds).</summary>
/// <param name="AnchorHash">
/// Hash of the recording's seal line, kept on the control database apart from the recording store: the
/// value verification checks a stored recording against.
/// </param>
[GenerateSerializer, Immutable, Alias("Warden.SessionSummary")]
public sealed record SessionSummary(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string Subject,
    [property: Id(2)] string Target,
    [property: Id(3)] string Role,
    [property: Id(4)] string Edge,
    [property: Id(5)] string ClientAddress,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] string? CloseReason,
    [property: Id(8)] string? AnchorHash,
    [property: Id(9)] bool Interrupted);
