using Orleans.Runtime;
using Warden.Grains.Interfaces.Recording;
using Warden.Grains.Interfaces.Sessions;
using Warden.Grains.Recording;
using Warden.Policy.Access;
using Warden.Recording;

namespace Warden.Grains.Sessions;

/// <summary>
/// The recording side of a session grain: the session-opened event at open, the edge's batches, the seal
/// at close, and the seal as interrupted when the edge goes silent (its process or connection lost). A
/// durable reminder wakes the grain on another silo if its own silo is lost first.
/// </summary>
internal sealed partial class SessionGrain
{
    private const string LivenessReminder = "liveness";
    private SessionRecordingLog? _recording;
    private long _lastContact;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastContact = time.GetTimestamp();
        if (state.State.Request is { } request && !state.State.IsSealed)
        {
            // The session was opened on a silo that is gone (or this activation was collected): carry on.
            _request = request;
            _recording = NewRecordingLog(request, state.State.OpenedAt);
            StartLivenessTimer();
        }
        return Task.CompletedTask;
    }

    /// <summary>Records the session-opened event durably and persists the session; null on success, else why not.</summary>
    private async Task<string?> StartRecordingAsync(SessionRequest request, AccessRule rule, RecordingMode mode, long policyVersion)
    {
        var openedAt = time.GetUtcNow();
        var recording = NewRecordingLog(request, openedAt);
        var identity = request.Identity;
        var opened = new SessionOpened(
            this.GetPrimaryKey(), identity.Subject, identity.Issuer, identity.Groups, identity.TokenId, identity.ExpiresAt,
            request.ClaimedUser, request.Target, rule.Role, rule.Name, request.ClientAddress, request.EdgeId,
            request.ApplicationName, policyVersion, mode == RecordingMode.Strict ? "strict" : "batched");
        if (await recording.OpenAsync(opened) is { } failure)
        {
            Log.RecordingFailed(logger, this.GetPrimaryKey(), failure);
            await recording.DisposeAsync();
            return failure;
        }
        _recording = recording;
        // Plain arrays: grain storage writes JSON with the runtime type of each list, and a caller's list
        // type (a compiler-generated one, say) may not be loadable when another silo reads the state back.
        state.State.Request = request with { Identity = request.Identity with { Groups = request.Identity.Groups.ToArray() } };
        state.State.Role = rule.Role;
        state.State.OpenedAt = openedAt;
        state.State.Recording = mode;
        await state.WriteStateAsync();
        var period = liveness.Value.ReminderPeriod;
        await this.RegisterOrUpdateReminder(LivenessReminder, period, period);
        StartLivenessTimer();
        return null;
    }

    public async Task<RecordingOutcome> RecordAsync(IReadOnlyList<SessionEvent> events)
    {
        Touch();
        if (_recording is null || state.State.CloseReason is not null)
        {
            return RecordingOutcome.Unavailable("the session is no longer known to the Warden cluster");
        }
        if (events.Count == 0)
        {
            return RecordingOutcome.Success;
        }
        if (await _recording.AppendAsync(events) is { } failure)
        {
            Log.RecordingFailed(logger, this.GetPrimaryKey(), failure);
            return RecordingOutcome.Unavailable(failure);
        }
        return RecordingOutcome.Success;
    }

    public async Task CloseAsync(string reason)
    {
        if (state.State.Request is null || state.State.IsSealed)
        {
            DeactivateOnIdle();
            return;
        }
        Log.Closed(logger, this.GetPrimaryKey(), reason);
        state.State.CloseReason ??= reason;
        await SealAsync(interrupted: false);
    }

    public Task<SessionSummary?> DescribeAsync()
    {
        var s = state.State;
        return Task.FromResult(s.Request is not { } request
            ? null
            : new SessionSummary(
                this.GetPrimaryKey(), request.Identity.Subject, request.Target, s.Role ?? "", request.EdgeId,
                request.ClientAddress, s.OpenedAt, s.CloseReason, s.AnchorHash, s.Interrupted));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckLivenessAsync();

    private void StartLivenessTimer()
    {
        var interval = liveness.Value.CheckInterval;
        this.RegisterGrainTimer(CheckLivenessAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    /// <summary>Seals a session whose close could not be recorded yet, or whose edge has gone silent.</summary>
    private async Task CheckLivenessAsync()
    {
        if (state.State.Request is null || state.State.IsSealed)
        {
            await ForgetAsync();
            return;
        }
        if (state.State.CloseReason is not null)
        {
            await SealAsync(state.State.Interrupted);
            return;
        }
        var silence = time.GetElapsedTime(_lastContact);
        if (silence >= liveness.Value.AbandonAfter)
        {
            var reason = $"the edge stopped reporting for {silence.TotalSeconds:0} s (edge process or its connection lost)";
            Log.Interrupted(logger, this.GetPrimaryKey(), reason);
            state.State.CloseReason = reason;
            state.State.Interrupted = true;
            await SealAsync(interrupted: true);
        }
    }

    private async Task SealAsync(bool interrupted)
    {
        _recording ??= NewRecordingLog(state.State.Request!, state.State.OpenedAt);
        var (anchor, failure) = await _recording.SealAsync(state.State.CloseReason!, interrupted);
        if (anchor is null)
        {
            // The store is down: keep the reason; the timer or the reminder seals when it returns.
            Log.RecordingFailed(logger, this.GetPrimaryKey(), failure!);
            await state.WriteStateAsync();
            return;
        }
        state.State.AnchorHash = anchor;
        await state.WriteStateAsync();
        await ForgetAsync();
    }

    /// <summary>The session is over and sealed: no more reminders, and the activation can go.</summary>
    private async Task ForgetAsync()
    {
        if (await this.GetReminder(LivenessReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        if (_recording is not null)
        {
            await _recording.DisposeAsync();
            _recording = null;
        }
        DeactivateOnIdle();
    }

    private void Touch() => _lastContact = time.GetTimestamp();

    private SessionRecordingLog NewRecordingLog(SessionRequest request, DateTimeOffset openedAt) =>
        new(recordings, this.GetPrimaryKey(), new RecordingLabels(request.Identity.Subject, request.Target, openedAt), time, logger);
}
