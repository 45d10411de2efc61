namespace Warden.Recording;

/// <summary>An error the client received (from the server, masked, or from Warden itself).</summary>
public sealed record ErrorRecorded(string Severity, string SqlState, string? Message) : RecordingEvent;
