namespace Warden.Recording;

/// <summary>
/// The chain writer of one session (the session grain owns one; single writer). It numbers events, links
/// each to the hash of the line before, stores a batch in one append, drops producer retries, and seals.
/// </summary>
/// <remarks>
/// After a failed append the recorder forgets its appender and keeps the batch it tried. The next call
/// reopens the recording and compares its last stored line with what it expected: nothing landed (send the
/// batch again), all or part of it landed (count what landed, send the rest), or a line this writer never
/// wrote (<see cref="RecordingConflictException"/>). Calls are serialized; the recorder is not meant to be
/// shared, but two overlapping calls must not interleave a batch.
/// </remarks>
public sealed class SessionRecorder : IAsyncDisposable
{
    private readonly IRecordingStore _store;
    private readonly Guid _sessionId;
    private readonly RecordingLabels _labels;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IRecordingAppender? _appender;
    private LineBatch? _pending;
    private string? _anchor;
    private bool _interrupted;
    private bool _manifestCompleted;

    private SessionRecorder(IRecordingStore store, Guid sessionId, RecordingLabels labels, TimeProvider time, IRecordingAppender appender)
    {
        _store = store;
        _sessionId = sessionId;
        _labels = labels;
        _time = time;
        _appender = appender;
        LastHash = RecordingFormat.GenesisHash(sessionId);
    }

    /// <summary>Sequence number the next event gets.</summary>
    public long NextSequence { get; private set; }

    /// <summary>Hash of the last stored line (the genesis hash before any).</summary>
    public string LastHash { get; private set; }

    /// <summary>The highest producer batch number stored.</summary>
    public long LastSourceSequence { get; private set; }

    /// <summary>True once the seal is stored; no event may follow.</summary>
    public bool IsSealed { get; private set; }

    /// <summary>Opens (or resumes) the session's recording, continuing the chain from the last stored line.</summary>
    /// <exception cref="RecordingStoreUnavailableException">The store cannot be reached in time.</exception>
    /// <exception cref="RecordingConflictException">The last stored line is not this session's.</exception>
    public static async Task<SessionRecorder> OpenAsync(IRecordingStore store, Guid sessionId, RecordingLabels labels, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(time);
        var appender = await store.OpenAsync(sessionId, labels, ct).ConfigureAwait(false);
        var recorder = new SessionRecorder(store, sessionId, labels, time, appender);
        try
        {
            recorder.ResumeFrom(appender.LastLine);
        }
        catch
        {
            await appender.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return recorder;
    }

    /// <summary>Stores a producer batch, durably, in one store append. A batch whose
    /// <paramref name="sourceSequence"/> is not above <see cref="LastSourceSequence"/> was already stored
    /// (a producer retry) and is ignored. On failure nothing changes and the call can be retried.</summary>
    /// <param name="sourceSequence">The producer's batch number: 1, 2, 3, ... (0 means "none yet").</param>
    /// <exception cref="RecordingStoreUnavailableException">Not stored for certain; retry.</exception>
    /// <exception cref="InvalidOperationException">The recording is sealed.</exception>
    public async Task AppendAsync(IReadOnlyList<RecordingEvent> events, long sourceSequence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceSequence, 1);
        if (events.Any(e => e is null or RecordingSealed))
        {
            throw new ArgumentException("events must not be null or a seal (use SealAsync)", nameof(events));
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var appender = await EnsureAppenderAsync(ct).ConfigureAwait(false);
            if (sourceSequence <= LastSourceSequence || events.Count == 0)
            {
                return;
            }

            if (IsSealed)
            {
                throw new InvalidOperationException($"the recording of session {_sessionId:D} is sealed");
            }

            var batch = _pending is { Seal: null } pending && pending.SourceSequence == sourceSequence && pending.Count == events.Count
                ? pending
                : LineBatch.Build(_sessionId, events, NextSequence, LastHash, sourceSequence, _time.GetUtcNow());
            await StoreAsync(appender, batch, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stores the owner's own events (session opened, session closed), which no producer numbered: never
    /// taken for a producer retry. A retry after a failure resends the same bytes; the owner decides from
    /// <see cref="NextSequence"/> and <see cref="IsClosed"/> whether an event it wrote before landed.
    /// </summary>
    public async Task AppendOwnAsync(IReadOnlyList<RecordingEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || events.Any(e => e is null or RecordingSealed))
        {
            throw new ArgumentException("events must be non-empty and hold no seal (use SealAsync)", nameof(events));
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var appender = await EnsureAppenderAsync(ct).ConfigureAwait(false);
            if (IsSealed)
            {
                throw new InvalidOperationException($"the recording of session {_sessionId:D} is sealed");
            }

            var batch = _pending is { Seal: null } pending && pending.FirstSequence == NextSequence && pending.Count == events.Count
                ? pending
                : LineBatch.Build(_sessionId, events, NextSequence, LastHash, LastSourceSequence, _time.GetUtcNow());
            await StoreAsync(appender, batch, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last stored event is the session-closed event or the seal: the close is recorded.</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Appends the seal, marks the manifest, returns the anchor hash (the seal line's hash).
    /// Idempotent: once sealed, returns the same anchor.</summary>
    /// <param name="interrupted">True when the cluster seals a session that was cut off.</param>
    public async Task<string> SealAsync(string reason, bool interrupted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var appender = await EnsureAppenderAsync(ct).ConfigureAwait(false);
            if (!IsSealed)
            {
                var batch = _pending is { Seal: not null } pending && pending.FirstSequence == NextSequence
                    ? pending
                    : LineBatch.Build(_sessionId, [new RecordingSealed(LastHash, NextSequence, interrupted, reason)], NextSequence,
                        LastHash, LastSourceSequence, _time.GetUtcNow());
                await StoreAsync(appender, batch, ct).ConfigureAwait(false);
            }

            if (!_manifestCompleted)
            {
                await appender.CompleteAsync(_interrupted ? RecordingStatus.Interrupted : RecordingStatus.Sealed, _anchor!, ct)
                    .ConfigureAwait(false);
                _manifestCompleted = true;
            }

            return _anchor!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_appender is { } appender)
        {
            _appender = null;
            await appender.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task StoreAsync(IRecordingAppender appender, LineBatch batch, CancellationToken ct)
    {
        _pending = batch;
        try
        {
            await appender.AppendAsync(batch.Bytes, batch.Count, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ArgumentException)
        {
            // Whether the bytes landed is unknown: reopen and look before the next attempt.
            await DropAppenderAsync().ConfigureAwait(false);
            throw;
        }

        Commit(batch, batch.Count);
        _pending = null;
    }

    private async Task<IRecordingAppender> EnsureAppenderAsync(CancellationToken ct)
    {
        if (_appender is { } open)
        {
            return open;
        }

        var appender = await _store.OpenAsync(_sessionId, _labels, ct).ConfigureAwait(false);
        _appender = appender;
        try
        {
            await ReconcileAsync(appender, ct).ConfigureAwait(false);
        }
        catch
        {
            await DropAppenderAsync().ConfigureAwait(false);
            throw;
        }

        return appender;
    }

    /// <summary>After a reopen: find out how much of the pending batch landed, and finish it.</summary>
    private async Task ReconcileAsync(IRecordingAppender appender, CancellationToken ct)
    {
        var stored = appender.LastLine is { } line ? RecordingFormat.HashLine(line) : RecordingFormat.GenesisHash(_sessionId);
        if (stored == LastHash)
        {
            return;
        }

        var landed = _pending is null ? -1 : Array.IndexOf(_pending.Hashes, stored);
        if (landed < 0)
        {
            throw new RecordingConflictException(
                $"the recording of session {_sessionId:D} ends at a line this writer did not write (expected hash {LastHash})");
        }

        var pending = _pending!;
        Commit(pending, landed + 1);
        _pending = null;
        if (landed + 1 < pending.Count)
        {
            // Part of a batch landed (a torn write cut back to whole lines): the rest goes now, ahead of
            // anything newer, because it is already chained to what is stored.
            var rest = pending.Skip(landed + 1);
            _pending = rest;
            await appender.AppendAsync(rest.Bytes, rest.Count, ct).ConfigureAwait(false);
            Commit(rest, rest.Count);
            _pending = null;
        }
    }

    private void Commit(LineBatch batch, int lines)
    {
        NextSequence = batch.FirstSequence + lines;
        LastHash = batch.Hashes[lines - 1];
        LastSourceSequence = Math.Max(LastSourceSequence, batch.SourceSequence);
        IsClosed = lines == batch.Count && (batch.EndsWithClose || batch.Seal is not null);
        if (lines == batch.Count && batch.Seal is { } seal)
        {
            IsSealed = true;
            _interrupted = seal.Interrupted;
            _anchor = LastHash;
        }
    }

    private void ResumeFrom(string? lastLine)
    {
        if (lastLine is null)
        {
            return;
        }

        RecordedLine line;
        try
        {
            line = RecordingFormat.Parse(lastLine);
        }
        catch (RecordingFormatException e)
        {
            throw new RecordingConflictException($"the last stored line of session {_sessionId:D} is unreadable: {e.Message}", e);
        }

        if (line.SessionId != _sessionId)
        {
            throw new RecordingConflictException($"the recording of session {_sessionId:D} holds lines of session {line.SessionId:D}");
        }

        NextSequence = line.Sequence + 1;
        LastHash = RecordingFormat.HashLine(lastLine);
        LastSourceSequence = line.SourceSequence;
        IsClosed = line.Event is SessionClosed or RecordingSealed;
        if (line.Event is RecordingSealed seal)
        {
            IsSealed = true;
            _interrupted = seal.Interrupted;
            _anchor = LastHash;
        }
    }

    private async Task DropAppenderAsync()
    {
        if (_appender is { } appender)
        {
            _appender = null;
            try
            {
                await appender.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or RecordingStoreUnavailableException or ObjectDisposedException)
            {
                // The appender was already broken; the next call opens a new one.
            }
        }
    }
}
