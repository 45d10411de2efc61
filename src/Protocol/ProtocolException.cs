namespace Warden.Protocol;

/// <summary>
/// A violation of the wire protocol by a peer. Carries the SQLSTATE to report; caught in one place per
/// connection, which sends an ErrorResponse built from <see cref="ClientMessage"/> and closes.
/// Expected outcomes (denied, refused, revoked) are return values, never this exception.
/// </summary>
public sealed class ProtocolException(string sqlState, string clientMessage) : Exception(clientMessage)
{
    public string SqlState { get; } = sqlState;

    /// <summary>Safe to show the client: says what was wrong with its input, nothing about the gateway.</summary>
    public string ClientMessage { get; } = clientMessage;

    public static ProtocolException Malformed(string what) => new(SqlStates.ProtocolViolation, what);
}
