using Microsoft.Extensions.Logging;
using Warden.Grains.Interfaces.Recording;
using Warden.Recording;

namespace Warden.Grains.Recording;

/// <summary>
/// One session's recording as its grain sees it: opens (or, on a new activation after a silo was lost,
/// resumes) the hash chain in the store lazily, appends batches, and seals. Every store failure becomes
/// a failure text rather than an exception, so the grain can answer the edge and stay usable: the next
/// call tries again, from the state the store actually holds. Called only from the grain, so its awaits
/// keep the grain's scheduler (no ConfigureAwait(false)): its one field is grain state.
/// </summary>
internal sealed partial class SessionRecordingLog(IRecordingStore store, Guid sessionId, RecordingLabels labels, TimeProvider time, ILogger logger)
{
    private SessionRecorder? _recorder;

    /// <summary>The highest edge sequence number stored; a batch at or below it was already recorded.</summary>
    public long LastEdgeSequence => _recorder?.LastSourceSequence ?? 0;

    /// <summary>Records the session-opened event durably (once); returns null on success, or why the store refused.</summary>
    public async Task<string?> OpenAsync(SessionOpened opened)
    {
        try
        {
            var recorder = await OpenAsync();
            if (recorder.NextSequence == 0)
            {
                await recorder.AppendOwnAsync([opened], CancellationToken.None);
            }
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            await ResetIfConflictAsync(e);
            return Failure(e);
        }
    }

    /// <summary>
    /// Appends the edge's batch, skipping events a lost reply made the edge send again. Returns null on
    /// success, or why the store refused.
    /// </summary>
    public async Task<string?> AppendAsync(IReadOnlyList<SessionEvent> batch)
    {
        try
        {
            var recorder = await OpenAsync();
            var fresh = batch.Where(e => e.EdgeSequence > recorder.LastSourceSequence).Select(e => e.ToRecordingEvent()).ToList();
            if (fresh.Count == 0)
            {
                return null;
            }
            await recorder.AppendAsync(fresh, batch[^1].EdgeSequence, CancellationToken.None);
            return null;
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            await ResetIfConflictAsync(e);
            return Failure(e);
        }
    }

    /// <summary>Appends the seal; returns the anchor hash, or null with <paramref name="failure"/> set.</summary>
    public async Task<(string? Anchor, string? Failure)> SealAsync(string reason, bool interrupted)
    {
        try
        {
            var recorder = await OpenAsync();
            if (!recorder.IsClosed)
            {
                await recorder.AppendOwnAsync([new SessionClosed(reason)], CancellationToken.None);
            }
            return (await recorder.SealAsync(reason, interrupted, CancellationToken.None), null);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            await ResetIfConflictAsync(e);
            return (null, Failure(e));
        }
    }

    public Task DisposeAsync() => ResetAsync();

    private async Task<SessionRecorder> OpenAsync() =>
        _recorder ??= await SessionRecorder.OpenAsync(store, sessionId, labels, time, CancellationToken.None);

    /// <summary>
    /// The recorder keeps a failed batch and, on the next call, checks what of it landed before it writes
    /// again, so it stays across store failures. Only when the store holds lines it did not write (another
    /// writer) is it dropped, to resume from what is stored.
    /// </summary>
    private Task ResetIfConflictAsync(Exception e) => e is RecordingConflictException ? ResetAsync() : Task.CompletedTask;

    private async Task ResetAsync()
    {
        if (_recorder is { } recorder)
        {
            _recorder = null;
            try
            {
                await recorder.DisposeAsync();
            }
            catch (Exception e) when (IsStoreFailure(e))
            {
                // Closing a broken writer may fail too; the store keeps what it acknowledged.
            }
        }
    }

    private static bool IsStoreFailure(Exception e) =>
        e is RecordingStoreUnavailableException or RecordingConflictException or IOException or TimeoutException or UnauthorizedAccessException
        || e.GetType().Namespace?.StartsWith("Azure", StringComparison.Ordinal) == true;

    /// <summary>The client is told only that the store failed; the log gets the exception for operators.</summary>
    private string Failure(Exception e)
    {
        Log.StoreFailed(logger, sessionId, e);
        return e is RecordingStoreUnavailableException
            ? "the recording store is unavailable"
            : $"the recording store failed ({e.GetType().Name})";
    }

    public static RecordingMode ModeOf(Warden.Policy.Recording.RecordingDurability durability) =>
        durability == Warden.Policy.Recording.RecordingDurability.Batched ? RecordingMode.Batched : RecordingMode.Strict;

    private static partial class Log
    {
        [LoggerMessage(2010, LogLevel.Warning, "Session {SessionId}: recording store call failed")]
        public static partial void StoreFailed(ILogger logger, Guid sessionId, Exception exception);
    }
}
