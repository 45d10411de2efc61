namespace Warden.Recording;

/// <summary>
/// The store could not be reached, or did not answer within its operation timeout. Whether the last write
/// landed is unknown; a retry is safe. In strict durability the caller fails closed (the statement is not
/// forwarded) and decides when to retry: the store does not retry for minutes on its own.
/// </summary>
public class RecordingStoreUnavailableException : Exception
{
    public RecordingStoreUnavailableException()
    {
    }

    public RecordingStoreUnavailableException(string message)
        : base(message)
    {
    }

    public RecordingStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
