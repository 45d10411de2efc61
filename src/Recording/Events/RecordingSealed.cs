namespace Warden.Recording;

/// <summary>
/// The last line of a recording. Nothing may follow it. Its own hash is the recording's anchor, kept in the
/// manifest and by the cluster, so the seal line itself is covered too.
/// </summary>
/// <param name="FinalHash">Equal to the line's <c>prev</c>: the hash of everything before the seal.</param>
/// <param name="Events">How many events precede the seal (equal to the seal's own sequence number).</param>
/// <param name="Interrupted">True when the cluster sealed a session that was cut off (edge or silo lost)
/// rather than closed; the events before it are intact, but the session may have done more unrecorded.</param>
public sealed record RecordingSealed(string FinalHash, long Events, bool Interrupted, string Reason) : RecordingEvent;
