namespace Warden.Recording;

/// <summary>No recording exists for the session asked for.</summary>
public class RecordingNotFoundException : Exception
{
    public RecordingNotFoundException()
    {
    }

    public RecordingNotFoundException(string message)
        : base(message)
    {
    }

    public RecordingNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
