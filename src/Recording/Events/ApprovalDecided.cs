namespace Warden.Recording;

/// <summary>An approval's outcome as this session learned it.</summary>
/// <param name="Decision"><c>approved</c>, <c>denied</c> or <c>expired</c>.</param>
/// <param name="Approver">The approver's subject; null when the request expired.</param>
public sealed record ApprovalDecided(string ApprovalId, string Decision, string? Approver) : RecordingEvent;
