using System.Text.Json.Serialization;

namespace Warden.Recording;

/// <summary>
/// One thing that happened in a session, as stored in its recording. Each kind is a sealed record with a
/// stable <c>type</c> name; the names and field names are the on-disk format (version
/// <see cref="RecordingFormat.Version"/>), so renaming one is a format change.
/// </summary>
/// <remarks>
/// Nothing secret belongs in an event: no token, no password, no unmasked value. Producers pass only
/// what has already been masked, and the types carry no field where a secret could go by accident.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionOpened), "session.opened")]
[JsonDerivedType(typeof(StatementRecorded), "statement")]
[JsonDerivedType(typeof(ResultRecorded), "result")]
[JsonDerivedType(typeof(ErrorRecorded), "error")]
[JsonDerivedType(typeof(ApprovalRequested), "approval.requested")]
[JsonDerivedType(typeof(ApprovalDecided), "approval.decided")]
[JsonDerivedType(typeof(SessionClosed), "session.closed")]
[JsonDerivedType(typeof(RecordingSealed), "seal")]
public abstract record RecordingEvent;
