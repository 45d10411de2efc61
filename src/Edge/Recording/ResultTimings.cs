namespace Warden.Edge.Recording;

/// <summary>
/// Pairs the server's replies with the client requests they answer, to time each result. Replies come in
/// request order: a simple Query (or FunctionCall) is answered by zero or more results and one
/// ReadyForQuery; each Execute by one result, unless an earlier error made the server skip to the next
/// Sync, whose ReadyForQuery ends the batch. Fed by both relay pumps, so it locks; a few operations per
/// statement.
/// </summary>
internal sealed class ResultTimings
{
    private readonly Queue<Request> _requests = new();

    private enum Kind
    {
        Query,
        Execute,
        Sync,
    }

    private readonly record struct Request(Kind Kind, long Started);

    public void QuerySent(long timestamp) => Enqueue(new Request(Kind.Query, timestamp));

    public void ExecuteSent(long timestamp) => Enqueue(new Request(Kind.Execute, timestamp));

    public void SyncSent() => Enqueue(new Request(Kind.Sync, 0));

    /// <summary>A result (CommandComplete, EmptyQueryResponse, PortalSuspended, FunctionCallResponse) arrived: when its request started.</summary>
    public long? ResultReceived()
    {
        lock (_requests)
        {
            if (!_requests.TryPeek(out var front))
            {
                return null;
            }
            if (front.Kind == Kind.Execute)
            {
                _requests.Dequeue();
            }
            return front.Kind == Kind.Sync ? null : front.Started;
        }
    }

    /// <summary>An error arrived: it ends its request; in the extended protocol the server skips to Sync.</summary>
    public long? ErrorReceived()
    {
        lock (_requests)
        {
            if (!_requests.TryPeek(out var front) || front.Kind == Kind.Sync)
            {
                return null;
            }
            if (front.Kind == Kind.Execute)
            {
                // Later Executes before the Sync are skipped by the server; ReadyForQuery drops them.
                _requests.Dequeue();
            }
            return front.Started;
        }
    }

    /// <summary>ReadyForQuery: the front Query, or everything up to and including the first Sync, is answered.</summary>
    public void ReadyForQuery()
    {
        lock (_requests)
        {
            while (_requests.TryDequeue(out var request) && request.Kind == Kind.Execute)
            {
                // Executes the server skipped after an error.
            }
        }
    }

    private void Enqueue(Request request)
    {
        lock (_requests)
        {
            _requests.Enqueue(request);
        }
    }
}
