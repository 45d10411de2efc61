using System.Buffers;
using Warden.Protocol.Messages;

namespace Warden.Edge.Masking;

/// <summary>The server's side: each reply paired with the request at the front of the queue.</summary>
internal sealed partial class ReplyTracker
{
    /// <summary>
    /// Pairs one server message with its request. <paramref name="payload"/> is null for a message that was
    /// streamed through without being inspected (too large): its content counts as unknown.
    /// </summary>
    /// <param name="fields">For <see cref="Meaning.Row"/>: the row's description, or null when it is not certain.</param>
    public Meaning Observe(byte type, ReadOnlySequence<byte>? payload, out IReadOnlyList<RowField>? fields)
    {
        fields = null;
        lock (_requests)
        {
            if (_lost)
            {
                return Meaning.Other;
            }
            var meaning = Pair(type, payload, ref fields);
            if (_lost)
            {
                Forget();
                _requests.Clear();
                fields = null;
                return meaning == Meaning.Row ? Meaning.Row : Meaning.Other;
            }
            return meaning;
        }
    }

    private Meaning Pair(byte type, ReadOnlySequence<byte>? payload, ref IReadOnlyList<RowField>? fields)
    {
        var front = Front();
        switch (type)
        {
            case BackendMessageType.ParseComplete when front?.Kind == Kind.Parse:
                Remember(_statements, Pop().Name, new Statement(null, front.Value.ChangesNames));
                return Meaning.Other;
            case BackendMessageType.BindComplete when front?.Kind == Kind.Bind:
            {
                var bind = Pop();
                var statement = _statements.GetValueOrDefault(bind.Statement);
                var bound = statement?.Fields is { } described ? WithFormats(described, bind.Formats!) : null;
                Remember(_portals, bind.Name, new Portal(bound, statement?.ChangesNames ?? false));
                return Meaning.Other;
            }
            case BackendMessageType.CloseComplete when front?.Kind is Kind.CloseStatement or Kind.ClosePortal:
            {
                var close = Pop();
                _ = close.Kind == Kind.CloseStatement ? _statements.Remove(close.Name) : _portals.Remove(close.Name);
                return Meaning.Other;
            }
            case BackendMessageType.ParameterDescription when front?.Kind == Kind.DescribeStatement:
                return Meaning.Other; // the RowDescription or NoData that follows answers the Describe
            case BackendMessageType.RowDescription when front?.Kind is Kind.Query or Kind.DescribeStatement or Kind.DescribePortal:
                Described(front.Value, payload is { } p && TryParse(p, RowDescription.Parse, out var description) ? description.Fields : null);
                return Meaning.Other;
            case BackendMessageType.NoData when front?.Kind is Kind.DescribeStatement or Kind.DescribePortal:
                Described(front.Value, []);
                return Meaning.Other;
            case BackendMessageType.DataRow when front?.Kind is Kind.Query or Kind.Execute:
                fields = front.Value.Kind == Kind.Query ? _queryFields : _portals.GetValueOrDefault(front.Value.Name)?.Fields;
                return Meaning.Row;
            case BackendMessageType.CommandComplete or BackendMessageType.EmptyQueryResponse when front?.Kind is Kind.Query or Kind.Execute:
            case BackendMessageType.PortalSuspended when front?.Kind == Kind.Execute:
                if (front.Value.Kind == Kind.Query)
                {
                    _queryFields = null;
                }
                else
                {
                    Pop();
                    ForgetIfChanged(front.Value);
                }
                return Meaning.ResultEnded;
            case BackendMessageType.FunctionCallResponse when front?.Kind == Kind.Query:
                return Meaning.ResultEnded;
            case BackendMessageType.CopyInResponse when front?.Kind is Kind.Query or Kind.Execute:
                CopyInStarted();
                return Meaning.Other;
            case BackendMessageType.CopyOutResponse or BackendMessageType.CopyBothResponse when front?.Kind is Kind.Query or Kind.Execute:
                _queryFields = null;
                return Meaning.Other;
            case BackendMessageType.ErrorResponse:
                Failed(front);
                return Meaning.ResultFailed;
            case BackendMessageType.ReadyForQuery:
                Ready(payload);
                return Meaning.Other;
            case BackendMessageType.ParseComplete or BackendMessageType.BindComplete or BackendMessageType.CloseComplete
                or BackendMessageType.ParameterDescription or BackendMessageType.RowDescription or BackendMessageType.NoData
                or BackendMessageType.DataRow or BackendMessageType.CommandComplete or BackendMessageType.EmptyQueryResponse
                or BackendMessageType.PortalSuspended or BackendMessageType.FunctionCallResponse or BackendMessageType.CopyInResponse
                or BackendMessageType.CopyOutResponse or BackendMessageType.CopyBothResponse:
                // A reply to a request that is not at the front: the pairing is lost.
                _lost = true;
                return type == BackendMessageType.DataRow ? Meaning.Row : Meaning.Other;
            default:
                // Notices, notifications, parameter status, copy data: not replies to a request.
                return Meaning.Other;
        }
    }

    private void Described(Request request, IReadOnlyList<RowField>? fields)
    {
        switch (request.Kind)
        {
            case Kind.Query:
                _queryFields = fields;
                return;
            case Kind.DescribeStatement:
                Pop();
                if (_statements.TryGetValue(request.Name, out var statement))
                {
                    _statements[request.Name] = statement with { Fields = fields };
                }
                else
                {
                    // A statement prepared in SQL (PREPARE): described now, and nothing else is known of it.
                    Remember(_statements, request.Name, new Statement(fields, ChangesNames: false));
                }
                return;
            default:
                Pop();
                Remember(_portals, request.Name, new Portal(fields, _portals.GetValueOrDefault(request.Name)?.ChangesNames ?? false));
                return;
        }
    }

    /// <summary>An error ends the front request; in the extended protocol the server then skips to the next Sync.</summary>
    private void Failed(Request? front)
    {
        switch (front?.Kind)
        {
            case null or Kind.Sync:
                // An asynchronous error (FATAL), or a failed commit at Sync: ReadyForQuery follows (or the end).
                return;
            case Kind.Query:
                _queryFields = null;
                ForgetIfChanged(front.Value);
                return;
        }
        var failed = Pop();
        switch (failed.Kind)
        {
            case Kind.Parse:
                _statements.Remove(failed.Name);
                break;
            case Kind.Bind:
                _portals.Remove(failed.Name);
                break;
            case Kind.Execute:
                ForgetIfChanged(failed);
                break;
        }
        while (Front() is { Kind: not (Kind.Sync or Kind.Query) })
        {
            _requests.Dequeue();
        }
    }

    private void Ready(ReadOnlySequence<byte>? payload)
    {
        if (Front() is not { Kind: Kind.Sync or Kind.Query } front)
        {
            _lost = true;
            return;
        }
        Pop();
        _queryFields = null;
        if (front.Kind == Kind.Query)
        {
            // A simple Query ends the unnamed statement and portal.
            _statements.Remove("");
            _portals.Remove("");
            ForgetIfChanged(front);
        }
        // Idle: the transaction is over, and every portal with it (cursors WITH HOLD are declared in SQL, never tracked).
        if (payload is not { } status || status.Length != 1 || status.FirstSpan[0] == (byte)'I')
        {
            _portals.Clear();
        }
    }

    /// <summary>CopyInResponse: the Syncs the client sent since the COPY began, up to the end of the copy, are ignored by the server.</summary>
    private void CopyInStarted()
    {
        _queryFields = null;
        var front = _requests.Dequeue();
        var rest = _requests.ToList();
        _requests.Clear();
        _requests.Enqueue(front);
        var end = rest.FindIndex(r => r.Kind == Kind.CopyEnd);
        for (var i = 0; i < rest.Count; i++)
        {
            if (end >= 0 && i > end)
            {
                _requests.Enqueue(rest[i]);
            }
            else if (rest[i].Kind is not (Kind.Sync or Kind.CopyEnd))
            {
                _requests.Enqueue(rest[i]);
            }
        }
        _copyIn = end < 0;
    }

    private void ForgetIfChanged(Request request)
    {
        if (request.ChangesNames || (request.Kind == Kind.Execute && _portals.GetValueOrDefault(request.Name)?.ChangesNames == true))
        {
            Forget();
        }
    }

    private void Forget()
    {
        _statements.Clear();
        _portals.Clear();
        _queryFields = null;
    }
}
