using System.IO.Pipelines;
using Warden.Edge.Recording;
using Warden.Edge.Statements;
using Warden.Grains.Interfaces.Recording;
using Warden.Grains.Interfaces.Sessions;
using Warden.Protocol;
using Warden.Protocol.Framing;
using Warden.Protocol.Messages;

namespace Warden.Edge.Connections;

/// <summary>
/// Client messages on their way upstream: statements are judged and recorded, then forwarded, or replaced by
/// a statement that fails upstream and comes back as the refusal (<see cref="DenialSubstitution"/>).
/// </summary>
/// <remarks>
/// Strict recording is committed once per client read, not once per statement: the statements of a read are
/// judged and recorded, the read's frames are held, and one delivery (one grain call, one durable append)
/// covers them all before any is forwarded. Holding costs nothing in time, because the relay flushes upstream
/// only at the end of a read anyway; it turns a pipelined batch of N statements from N appends into one.
/// </remarks>
internal sealed partial class ClientConnection
{
    /// <summary>Frames of the current read waiting for its strict delivery, in order; empty otherwise.</summary>
    private readonly List<HeldFrame> _held = [];

    private async ValueTask ForwardClientFrameAsync(PgFrame frame, PipeWriter upstream, StatementGate gate, DenialSubstitution denials)
    {
        var statement = frame.Type switch
        {
            FrontendMessageType.Query or FrontendMessageType.Parse or FrontendMessageType.FunctionCall =>
                await JudgeAndRecordAsync(frame, gate).ConfigureAwait(false),
            _ => null,
        };
        if (_recording!.Mode == RecordingMode.Strict && (statement is not null || _held.Count > 0))
        {
            _held.Add(new HeldFrame(frame, statement));
            return;
        }
        Forward(frame, statement, upstream, denials, recordingFailure: null);
    }

    /// <summary>Delivers the read's statement events durably, then forwards its held frames; a failed delivery refuses each held statement with 55000.</summary>
    private async ValueTask ReleaseHeldFramesAsync(PipeWriter upstream, DenialSubstitution denials)
    {
        if (_held.Count == 0)
        {
            return;
        }
        var failure = await _recording!.DeliverAsync().ConfigureAwait(false);
        foreach (var held in _held)
        {
            Forward(held.Frame, held.Statement, upstream, denials, failure);
        }
        _held.Clear();
    }

    /// <summary>
    /// Judges a Query, Parse or FunctionCall and records it with its verdict. Refused now: by policy (42501),
    /// and in batched mode while the unsent buffer is full and cannot be delivered (55000). In strict mode a statement can still be
    /// refused when its delivery fails (<see cref="Forward"/>).
    /// </summary>
    private async ValueTask<JudgedStatement> JudgeAndRecordAsync(PgFrame frame, StatementGate gate)
    {
        var recording = _recording!;
        if (recording.IsOverflowing)
        {
            throw new RecordingOverflowException();
        }
        var (judgement, protocol, sql, parameterTypes, parseName) = await JudgeAsync(frame, gate).ConfigureAwait(false);
        var verdict = judgement.Verdict;
        string? refusal = verdict.Verdict == Verdict.Allow ? null : RefusalText(verdict);
        var sqlState = SqlStates.InsufficientPrivilege;
        if (refusal is null && recording.Mode == RecordingMode.Batched && recording.IsFull
            && (recording.LastDeliveryFailed || await recording.DeliverAsync().ConfigureAwait(false) is not null))
        {
            // A store that keeps up but is slower than this session gets backpressure (the delivery above is
            // awaited); only a store or cluster that is down turns a full buffer into refusals.
            refusal = "statement not run: the session's recording buffer is full because recording events cannot be stored; try again shortly";
            sqlState = SqlStates.RecordingUnavailable;
        }
        recording.Statement(protocol, sql, parameterTypes, verdict, judgement.Cached);
        return new JudgedStatement(frame.Type == FrontendMessageType.FunctionCall ? null : sql, parseName, refusal, sqlState);
    }

    private async ValueTask<(Judgement Judgement, string Protocol, string Sql, int[]? ParameterTypes, string? ParseName)> JudgeAsync(PgFrame frame, StatementGate gate)
    {
        switch (frame.Type)
        {
            case FrontendMessageType.Query:
            {
                var sql = QueryMessage.ParseText(frame.Payload);
                return (await gate.JudgeAsync(sql).ConfigureAwait(false), "simple", sql, null, null);
            }
            case FrontendMessageType.Parse:
            {
                var parse = ParseMessage.Parse(frame.Payload);
                return (await gate.JudgeAsync(parse.Query).ConfigureAwait(false), "extended", parse.Query, parse.ParameterTypes, parse.StatementName);
            }
            default:
            {
                // FunctionCall runs a function by OID, bypassing SQL text: judged as admin, never cached
                // (rare, and the OID means different functions in different databases). A refusal is
                // substituted by a failing simple Query, which keeps the reply shape (error, ReadyForQuery).
                var oid = FunctionCallMessage.ParseFunctionOid(frame.Payload);
                var verdict = await _session!.EvaluateFunctionCallAsync(oid).ConfigureAwait(false);
                if (verdict.Verdict != Verdict.Allow)
                {
                    verdict = verdict with { Reason = "function calls by OID (FunctionCall messages) need the admin class: " + RefusalText(verdict) };
                }
                return (new Judgement(verdict, Cached: false), "function", $"FunctionCall oid {oid}", null, null);
            }
        }
    }

    /// <summary>Writes a frame upstream, or for a refused statement its substitute, and notes request timings.</summary>
    /// <param name="recordingFailure">Why the strict delivery covering this frame failed; null when it did not.</param>
    private void Forward(PgFrame frame, JudgedStatement? statement, PipeWriter upstream, DenialSubstitution denials, string? recordingFailure)
    {
        var timings = _recording!.Timings;
        var requests = _sampler?.Requests;
        switch (frame.Type)
        {
            case FrontendMessageType.Query or FrontendMessageType.FunctionCall:
                requests?.QuerySent(statement!.Sql);
                break;
            case FrontendMessageType.Parse:
                requests?.ParseSent(statement!.ParseName ?? "", statement.Sql!);
                break;
            case FrontendMessageType.Execute:
                timings.ExecuteSent(edge.Time.GetTimestamp());
                requests?.ExecuteSent(frame.Payload);
                break;
            case FrontendMessageType.Sync:
                timings.SyncSent();
                requests?.SyncSent();
                break;
            default:
                requests?.Sent(frame.Type, frame.Payload);
                break;
        }
        if (statement is null)
        {
            MessageWriter.WriteBytes(upstream, frame.Bytes);
            return;
        }
        var (refusal, sqlState) = (statement.Refusal, statement.SqlState);
        if (refusal is null && recordingFailure is not null)
        {
            refusal = $"statement not run: it could not be recorded first ({recordingFailure}; recording.durability is strict); try again shortly";
            sqlState = SqlStates.RecordingUnavailable;
        }
        if (refusal is null)
        {
            MessageWriter.WriteBytes(upstream, frame.Bytes);
        }
        else if (frame.Type == FrontendMessageType.Parse)
        {
            new ParseMessage(statement.ParseName ?? "", denials.Substitute(refusal, sqlState), []).Write(upstream);
        }
        else
        {
            QueryMessage.Write(upstream, denials.Substitute(refusal, sqlState));
        }
        if (frame.Type != FrontendMessageType.Parse)
        {
            timings.QuerySent(edge.Time.GetTimestamp());
        }
    }

    private static string RefusalText(StatementVerdict verdict) => verdict.Reason
        ?? (verdict.Verdict == Verdict.Approve
            ? $"statement requires approval under rule \"{verdict.RuleName}\""
            : $"statement denied by rule \"{verdict.RuleName}\"");

    /// <summary>A judged statement: refused already (by policy or a full buffer) when <see cref="Refusal"/> is set.</summary>
    /// <param name="Sql">The statement text; null for a FunctionCall.</param>
    /// <param name="ParseName">For Parse: the statement name, kept on a substitute.</param>
    private sealed record JudgedStatement(string? Sql, string? ParseName, string? Refusal, string SqlState);

    private readonly record struct HeldFrame(PgFrame Frame, JudgedStatement? Statement);
}
