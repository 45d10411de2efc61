namespace Warden.Recording;

/// <summary>
/// The stored recording is not what this writer expects: another writer appended to it (two activations of
/// one session), or it was changed underneath. Retrying cannot fix it; the writer must stop and the
/// recording be verified.
/// </summary>
public class RecordingConflictException : Exception
{
    public RecordingConflictException()
    {
    }

    public RecordingConflictException(string message)
        : base(message)
    {
    }

    public RecordingConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
