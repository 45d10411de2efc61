namespace Warden.Recording;

/// <summary>
/// The first event of a session: who connected (the token claims that decide access, never the token),
/// to what, as which upstream role under which rule, from where, through which edge and policy version.
/// </summary>
/// <param name="TokenId">The token's <c>jti</c>, so a revocation by token id can be traced to sessions.</param>
/// <param name="ClaimedUser">The startup <c>user</c>: recorded, never trusted (identity is the token's).</param>
/// <param name="Durability"><c>strict</c> or <c>batched</c>: how much of this recording could be lost.</param>
public sealed record SessionOpened(
    Guid SessionId,
    string Subject,
    string Issuer,
    IReadOnlyList<string> Groups,
    string? TokenId,
    DateTimeOffset TokenExpiresAt,
    string ClaimedUser,
    string Target,
    string Role,
    string Rule,
    string ClientAddress,
    string Edge,
    string? ApplicationName,
    long PolicyVersion,
    string Durability) : RecordingEvent;
