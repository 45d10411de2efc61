namespace Warden.Recording;

/// <summary>A line that is not a valid recording line (bad JSON, unknown version, missing envelope field).
/// Its message says what is wrong without quoting the line, which may be large.</summary>
public sealed class RecordingFormatException : Exception
{
    public RecordingFormatException(string message)
        : base(message)
    {
    }

    public RecordingFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
