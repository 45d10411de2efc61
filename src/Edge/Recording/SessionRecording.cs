using Microsoft.Extensions.Logging;
using Warden.Edge.Diagnostics;
using Warden.Edge.Hosting;
using Warden.Grains.Interfaces.Recording;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Recording;

/// <summary>
/// The edge's half of a session's recording: numbers events, buffers them, and delivers them to the
/// session grain — before the statement is forwarded in strict mode (<see cref="DeliverAsync"/>), on an
/// interval in batched mode. Unsent events stay here until the grain confirms them, so a store or cluster
/// outage loses nothing it does not report: the buffer is bounded, and past the bound statements are refused.
/// Both relay pumps add events; one delivery runs at a time.
/// </summary>
internal sealed partial class SessionRecording : IAsyncDisposable
{
    private static readonly TimeSpan FinalDeliveryTimeout = TimeSpan.FromSeconds(5);
    private readonly ISessionGrain _session;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<SessionEvent> _unsent = [];
    private readonly SemaphoreSlim _delivering = new(1, 1);

    /// <summary>Released by the interval timer, and early when <see cref="EdgeOptions.RecordingBatchEvents"/> events wait.</summary>
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ITimer _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _nextSequence = 1;
    private long _lastDelivery;

    public SessionRecording(ISessionGrain session, RecordingMode mode, EdgeOptions options, TimeProvider time, ILogger logger)
    {
        _session = session;
        Mode = mode;
        _options = options;
        _time = time;
        _logger = logger;
        _lastDelivery = time.GetTimestamp();
        _interval = time.CreateTimer(_ => _wake.Release(), null, options.RecordingBatchInterval, options.RecordingBatchInterval);
        _loop = DeliverInBackgroundAsync();
    }

    /// <summary>The last delivery failed: the store or the cluster is down, so waiting for another would only delay a refusal.</summary>
    public bool LastDeliveryFailed { get; private set; }

    public RecordingMode Mode { get; }

    private string ModeTag => Mode == RecordingMode.Strict ? "strict" : "batched";

    public ResultTimings Timings { get; } = new();

    /// <summary>Batched mode with the buffer at its bound: a new statement waits for a delivery, or is refused while the store is down.</summary>
    public bool IsFull
    {
        get
        {
            lock (_unsent)
            {
                return _unsent.Count >= _options.RecordingBufferEvents;
            }
        }
    }

    /// <summary>Far past the bound (the store has been down a long time): the session must end.</summary>
    public bool IsOverflowing
    {
        get
        {
            lock (_unsent)
            {
                return _unsent.Count >= 2 * _options.RecordingBufferEvents;
            }
        }
    }

    public void Statement(string protocol, string sql, int[]? parameterTypes, StatementVerdict verdict, bool cached)
    {
        var types = parameterTypes is { Length: > 0 } ? Array.ConvertAll(parameterTypes, t => unchecked((uint)t)) : null;
        Append((protocol, sql, types, verdict, cached), static (sequence, at, s) => new StatementEvent(
            sequence, at, s.protocol, s.sql, s.types, s.verdict.Verdict.ToWireName(), s.verdict.RuleName,
            s.verdict.Classes, s.verdict.Reason, s.cached, s.verdict.PolicyVersion));
    }

    /// <param name="sample">The result's first rows, already masked (<c>recording.results: masked</c>); null for none.</param>
    public void Result(string? commandTag, long? started, Masking.ResultSample? sample = null)
    {
        var elapsed = started is { } s ? _time.GetElapsedTime(s).TotalMilliseconds : 0;
        Append((commandTag, elapsed, sample), static (sequence, at, r) => new ResultEvent(
            sequence, at, r.commandTag, r.commandTag is null ? null : CommandTags.Rows(r.commandTag), r.elapsed, r.sample?.Columns, r.sample?.Rows));
    }

    public void Error(string severity, string sqlState, string? message) =>
        Append((severity, sqlState, message), static (sequence, at, e) => new ErrorEvent(sequence, at, e.severity, e.sqlState, e.message));

    /// <summary>
    /// Numbers and buffers one event (both relay pumps call this). A fast session that fills a batch before the
    /// interval ends wakes the delivery at once, so what an edge loss can cost stays bounded in events too, and a
    /// healthy store never lets the buffer reach its bound.
    /// </summary>
    private void Append<TState>(TState state, Func<long, DateTimeOffset, TState, SessionEvent> create)
    {
        int waiting;
        lock (_unsent)
        {
            _unsent.Add(create(_nextSequence++, _time.GetUtcNow(), state));
            waiting = _unsent.Count;
        }
        if (waiting == _options.RecordingBatchEvents)
        {
            _wake.Release();
        }
    }

    /// <summary>Sends every buffered event and waits until the grain has stored them; null on success, else why not.</summary>
    public async Task<string?> DeliverAsync()
    {
        await _delivering.WaitAsync().ConfigureAwait(false);
        try
        {
            SessionEvent[] batch;
            lock (_unsent)
            {
                batch = [.. _unsent];
            }
            RecordingOutcome outcome;
            try
            {
                outcome = await _session.RecordAsync(batch).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or Orleans.Runtime.SiloUnavailableException)
            {
                LastDeliveryFailed = true;
                return "the Warden cluster is unreachable";
            }
            if (!outcome.Recorded)
            {
                LastDeliveryFailed = true;
                return outcome.Failure ?? "the recording store is unavailable";
            }
            LastDeliveryFailed = false;
            lock (_unsent)
            {
                // Events added while the batch was on its way stay for the next delivery.
                _unsent.RemoveRange(0, batch.Length);
            }
            _lastDelivery = _time.GetTimestamp();
            if (batch.Length > 0)
            {
                EdgeTelemetry.RecordingDeliveries.Record(batch.Length, new KeyValuePair<string, object?>("mode", ModeTag));
            }
            return null;
        }
        finally
        {
            _delivering.Release();
        }
    }

    private int UnsentCount
    {
        get
        {
            lock (_unsent)
            {
                return _unsent.Count;
            }
        }
    }

    /// <summary>Batched events on their interval or when a batch is full, results in strict mode, and a heartbeat when idle.</summary>
    private async Task DeliverInBackgroundAsync()
    {
        string? lastFailure = null;
        try
        {
            while (true)
            {
                await _wake.WaitAsync(_stop.Token).ConfigureAwait(false);
                // Wake-ups that piled up during a slow delivery are one: a down store gets one attempt per interval.
                while (_wake.Wait(0))
                {
                }
                if (UnsentCount == 0 && _time.GetElapsedTime(_lastDelivery) < _options.RecordingHeartbeat)
                {
                    continue;
                }
                var failure = await DeliverAsync().ConfigureAwait(false);
                if (failure is not null && failure != lastFailure)
                {
                    Log.DeliveryFailed(_logger, failure, UnsentCount);
                }
                lastFailure = failure;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped at the end of the session.
        }
    }

    /// <summary>Stops the interval and makes a last delivery; what still cannot be delivered is reported, never dropped quietly.</summary>
    public async ValueTask DisposeAsync()
    {
        await _interval.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (UnsentCount > 0)
        {
            var delivery = DeliverAsync();
            var failure = await Task.WhenAny(delivery, Task.Delay(FinalDeliveryTimeout, _time)).ConfigureAwait(false) == delivery
                ? await delivery.ConfigureAwait(false)
                : "timed out";
            if (failure is not null)
            {
                Log.EventsLost(_logger, UnsentCount, failure);
            }
        }
        _stop.Dispose();
        _wake.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1100, LogLevel.Warning, "Recording delivery failed ({Failure}); {Unsent} events held at the edge")]
        public static partial void DeliveryFailed(ILogger logger, string failure, int unsent);

        [LoggerMessage(1101, LogLevel.Error, "Session ended with {Unsent} recording events that could not be delivered: {Failure}")]
        public static partial void EventsLost(ILogger logger, int unsent, string failure);
    }
}
