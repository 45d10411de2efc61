namespace Warden.Recording;

/// <summary>The session ended (client terminated, revoked, terminated by an operator, edge lost, ...).</summary>
public sealed record SessionClosed(string Reason) : RecordingEvent;
