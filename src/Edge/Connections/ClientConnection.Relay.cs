using System.Buffers;
using System.IO.Pipelines;
using Warden.Edge.Recording;
using Warden.Edge.Statements;
using Warden.Grains.Interfaces.Sessions;
using Warden.Protocol;
using Warden.Protocol.Framing;
using Warden.Protocol.Messages;

namespace Warden.Edge.Connections;

/// <summary>
/// The relay phase: two pumps, client → upstream and upstream → client. Each reads what is available,
/// walks message headers, forwards runs of messages as one copy, and flushes once per read, so
/// pipelined batches stay batched. Only Query, Parse and FunctionCall are decoded on the way up; on the
/// way down only an ErrorResponse is, and only while a denial is waiting for its error. Sessions that record
/// sample rows also decode what their <see cref="Masking.ResultSampler"/> needs (ClientConnection.Samples.cs).
/// Messages larger than <see cref="StreamThreshold"/> that need no inspection stream through without
/// being buffered whole.
/// </summary>
internal sealed partial class ClientConnection
{
    private const int StreamThreshold = 64 * 1024;
    private const string ClientTerminated = "client terminated the session";
    private static readonly TimeSpan UpstreamDrainTimeout = TimeSpan.FromSeconds(5);

    private async Task<string> RelayAsync(SessionPlan plan)
    {
        var gate = new StatementGate(plan, _session!, edge.Verdicts, edge.PolicyVersion);
        _recording = new SessionRecording(_session!, plan.Recording, edge.Options, edge.Time, edge.Logger);
        StartSampling(plan);
        var denials = new DenialSubstitution();
        var upstreamPump = PumpUpstreamToClientAsync(_upstream!.Pipe.Input, _client.Output, denials);
        string? reason;
        try
        {
            reason = await PumpClientToUpstreamAsync(_client.Input, _upstream.Pipe.Output, gate, denials).ConfigureAwait(false);
        }
        catch
        {
            _upstream.Pipe.Input.CancelPendingRead();
            await ((Task)upstreamPump).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        // The client is done. Make sure the server hears it (a vanished client sent no Terminate), let its
        // last replies drain, and do not wait on a server that never closes.
        if (reason is not null && reason != ClientTerminated)
        {
            FrontendMessages.WriteTerminate(_upstream.Pipe.Output);
            await _upstream.Pipe.Output.FlushAsync().ConfigureAwait(false);
        }
        await _upstream.Pipe.Output.CompleteAsync().ConfigureAwait(false);
        if (await Task.WhenAny(upstreamPump, Task.Delay(UpstreamDrainTimeout)).ConfigureAwait(false) != upstreamPump)
        {
            _upstream.Pipe.Input.CancelPendingRead();
        }
        var upstreamReason = await upstreamPump.ConfigureAwait(false);
        return reason ?? upstreamReason ?? "the target database closed the connection";
    }

    /// <summary>Returns why the client side ended, or null when the server side ended first.</summary>
    private async Task<string?> PumpClientToUpstreamAsync(PipeReader client, PipeWriter upstream, StatementGate gate, DenialSubstitution denials)
    {
        long streaming = 0; // bytes of a large CopyData still to pass through
        while (true)
        {
            var result = await client.ReadAsync().ConfigureAwait(false);
            if (result.IsCanceled)
            {
                return null;
            }
            var buffer = result.Buffer;
            var terminated = false;
            while (!buffer.IsEmpty && !terminated)
            {
                if (streaming > 0)
                {
                    streaming = PassThrough(ref buffer, streaming, upstream);
                    continue;
                }
                if (!FrameReader.TryReadHeader(buffer, edge.Options.MaxClientMessageBytes, out var type, out var length))
                {
                    break;
                }
                if (!FrontendMessageType.IsValidAfterStartup(type))
                {
                    throw ProtocolException.Malformed($"unexpected message type '{(char)type}' (0x{type:x2})");
                }
                if (type == FrontendMessageType.CopyData && length > StreamThreshold)
                {
                    await ReleaseHeldFramesAsync(upstream, denials).ConfigureAwait(false);
                    streaming = FrameReader.HeaderLength + (long)length;
                    continue;
                }
                if (!FrameReader.TryReadFrame(ref buffer, edge.Options.MaxClientMessageBytes, out var frame))
                {
                    break;
                }
                terminated = type == FrontendMessageType.Terminate;
                await ForwardClientFrameAsync(frame, upstream, gate, denials).ConfigureAwait(false);
            }
            // Held frames are slices of this read's buffer: they go out before it is released.
            await ReleaseHeldFramesAsync(upstream, denials).ConfigureAwait(false);
            client.AdvanceTo(buffer.Start, buffer.End);
            var flush = await upstream.FlushAsync().ConfigureAwait(false);
            if (terminated)
            {
                return ClientTerminated;
            }
            if (flush.IsCompleted)
            {
                return null;
            }
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty || streaming > 0)
                {
                    throw ProtocolException.Malformed("connection closed in the middle of a message");
                }
                return "client closed the connection";
            }
        }
    }

    /// <summary>Returns why the server side ended, or null when it ended because the client did.</summary>
    private async Task<string?> PumpUpstreamToClientAsync(PipeReader upstream, PipeWriter client, DenialSubstitution denials)
    {
        long streaming = 0;
        try
        {
            while (true)
            {
                var result = await upstream.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    return null;
                }
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    if (streaming > 0)
                    {
                        streaming = PassThrough(ref buffer, streaming, client);
                        continue;
                    }
                    var run = ForwardableRun(buffer, denials.HasPending, out var blocked);
                    if (run > 0)
                    {
                        MessageWriter.WriteBytes(client, buffer.Slice(0, run));
                        buffer = buffer.Slice(run);
                        continue;
                    }
                    if (blocked is Blocked.Incomplete)
                    {
                        break;
                    }
                    if (blocked is Blocked.Large)
                    {
                        FrameReader.TryReadHeader(buffer, int.MaxValue, out var largeType, out var large);
                        streaming = FrameReader.HeaderLength + (long)large;
                        _sampler?.Observe(largeType, null);
                        continue;
                    }
                    // An ErrorResponse while a denial waits: it may be the substitute's, to rewrite.
                    if (!FrameReader.TryReadFrame(ref buffer, edge.Options.MaxInspectedServerMessageBytes, out var error))
                    {
                        break;
                    }
                    var parsed = ErrorResponse.Parse(error.Payload);
                    _sampler?.Observe(BackendMessageType.ErrorResponse, error.Payload);
                    if (denials.TryRewrite(parsed, out var denial))
                    {
                        denial.Write(client);
                        RecordError(denial, ownMessage: true);
                    }
                    else
                    {
                        MessageWriter.WriteBytes(client, error.Bytes);
                        RecordError(parsed, ownMessage: false);
                    }
                }
                upstream.AdvanceTo(buffer.Start, buffer.End);
                var flush = await client.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted)
                {
                    return "the target database closed the connection";
                }
                if (flush.IsCompleted)
                {
                    return null;
                }
            }
        }
        finally
        {
            // Whatever ended this side (server gone, bad server message, client gone) also ends the other.
            _client.Input.CancelPendingRead();
            await upstream.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Copies up to <paramref name="remaining"/> bytes of a large message that is streamed rather than
    /// buffered; returns how many are still to come.
    /// </summary>
    private static long PassThrough(ref ReadOnlySequence<byte> buffer, long remaining, PipeWriter destination)
    {
        var chunk = buffer.Slice(0, Math.Min(remaining, buffer.Length));
        MessageWriter.WriteBytes(destination, chunk);
        buffer = buffer.Slice(chunk.End);
        return remaining - chunk.Length;
    }

    private enum Blocked
    {
        Incomplete,
        Large,
        Inspect,
    }

    /// <summary>
    /// How many bytes from the front of <paramref name="buffer"/> are whole messages that go to the client
    /// unchanged, and, when that run ends, why.
    /// </summary>
    private long ForwardableRun(ReadOnlySequence<byte> buffer, bool inspectErrors, out Blocked blocked)
    {
        long run = 0;
        var rest = buffer;
        var observed = _sampler is null ? RecordedReplies : SampledReplies;
        while (true)
        {
            if (!FrameReader.TryReadHeader(rest, int.MaxValue, out var type, out var length))
            {
                blocked = Blocked.Incomplete;
                return run;
            }
            if (inspectErrors && type == BackendMessageType.ErrorResponse)
            {
                blocked = Blocked.Inspect;
                return run;
            }
            var total = FrameReader.HeaderLength + (long)length;
            if (rest.Length < total)
            {
                blocked = length > StreamThreshold ? Blocked.Large : Blocked.Incomplete;
                return run;
            }
            if (observed.Contains(type))
            {
                ObserveReply(type, rest.Slice(FrameReader.HeaderLength, length));
            }
            run += total;
            rest = rest.Slice(total);
        }
    }

    /// <summary>Replies the recording notes: results, errors, and the ReadyForQuery that ends a request.</summary>
    private static ReadOnlySpan<byte> RecordedReplies => "CIsVEZ"u8;

    /// <summary>Notes a whole server message on its way to the client (it is forwarded unchanged).</summary>
    private void ObserveReply(byte type, ReadOnlySequence<byte> payload)
    {
        var recording = _recording!;
        if (_sampler is { } sampler)
        {
            sampler.Observe(type, payload);
            if (!RecordedReplies.Contains(type))
            {
                return;
            }
        }
        switch (type)
        {
            case BackendMessageType.ReadyForQuery:
                recording.Timings.ReadyForQuery();
                break;
            case BackendMessageType.ErrorResponse:
                RecordError(ErrorResponse.Parse(payload), ownMessage: false);
                break;
            case BackendMessageType.CommandComplete:
                recording.Result(new PayloadReader(payload).ReadCString(), recording.Timings.ResultReceived(), _sampler?.TakeSample());
                break;
            default:
                // EmptyQueryResponse, PortalSuspended, FunctionCallResponse: a result without a tag.
                recording.Result(null, recording.Timings.ResultReceived(), _sampler?.TakeSample());
                break;
        }
    }

    /// <summary>A server's own message can quote data values: only Warden's refusals keep their text.</summary>
    private void RecordError(ErrorResponse error, bool ownMessage)
    {
        var recording = _recording!;
        recording.Error(error.Get(ErrorResponse.SeverityNonLocalizedField) ?? error.Get(ErrorResponse.SeverityField) ?? "ERROR",
            error.SqlState ?? "", ownMessage ? error.Message : null);
        recording.Timings.ErrorReceived();
    }
}
