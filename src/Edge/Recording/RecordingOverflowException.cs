namespace Warden.Edge.Recording;

/// <summary>
/// A session's unsent recording events passed twice the buffer bound: the store has been down too long
/// for the session to go on, so it ends (FATAL 58030) rather than run further unrecorded.
/// </summary>
internal sealed class RecordingOverflowException()
    : Exception("the recording store has been unavailable too long; Warden ended the session rather than run it unrecorded");
