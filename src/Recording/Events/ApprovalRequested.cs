namespace Warden.Recording;

/// <summary>A statement was held for (or deferred to) human approval.</summary>
/// <param name="Mode"><c>hold</c> or <c>deferred</c>.</param>
public sealed record ApprovalRequested(string ApprovalId, string Sql, IReadOnlyList<string> Classes, string Mode) : RecordingEvent;
