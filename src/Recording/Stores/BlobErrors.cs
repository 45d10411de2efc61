using System.Net.Sockets;
using Azure;

namespace Warden.Recording;

/// <summary>Which storage failures mean "unavailable, try later" (fail closed) rather than a conflict.</summary>
internal static class BlobErrors
{
    /// <summary>Everything but an answer that is about the data: not found (404), already exists (409) and
    /// precondition failed (412) are handled where they happen. Authorization failures count as unavailable:
    /// the writer cannot do anything about them but fail closed and report.</summary>
    public static bool IsUnavailable(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        RequestFailedException failed => failed.Status is not (404 or 409 or 412),
        AggregateException or HttpRequestException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public static RecordingStoreUnavailableException Unavailable(string what, Exception e, TimeSpan timeout) => e switch
    {
        OperationCanceledException => new($"blob store: {what} got no answer within {timeout.TotalSeconds:0.#} s", e),
        RequestFailedException { Status: 0 } failed => new($"blob store: {what} failed: {failed.InnerException?.Message ?? failed.Message}", e),
        RequestFailedException failed => new($"blob store: {what} failed with {failed.Status} {failed.ErrorCode}", e),
        _ => new($"blob store: {what} failed: {e.Message}", e),
    };
}
