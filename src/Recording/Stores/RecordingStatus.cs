namespace Warden.Recording;

/// <summary>A recording's state as its manifest records it.</summary>
public enum RecordingStatus
{
    /// <summary>Being written, or cut off and not yet sealed by the cluster.</summary>
    Open = 0,

    /// <summary>Closed normally and sealed.</summary>
    Sealed = 1,

    /// <summary>Sealed by the cluster after the session was cut off.</summary>
    Interrupted = 2,
}
