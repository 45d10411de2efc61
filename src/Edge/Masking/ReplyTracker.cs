using System.Buffers;
using Warden.Protocol;
using Warden.Protocol.Messages;

namespace Warden.Edge.Masking;

/// <summary>
/// Knows, for every DataRow the server sends, which RowDescription it follows — or that nobody can be sure.
/// The client's requests are queued in the order they go upstream; the server answers them in that order, so each
/// reply is paired with the request at the front (https://www.postgresql.org/docs/current/protocol-flow.html).
/// Every change of state happens when the server's reply says it happened, never when the request is sent.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Simple Query: a RowDescription then DataRows, per statement; its format codes are the real ones.</item>
/// <item>Describe of a portal: the real description of that portal.</item>
/// <item>Describe of a statement: its fields, with format codes that are zero placeholders; a later Bind of the
/// statement gives them their real formats (the Bind's result format codes), so a prepared statement executed without
/// Describe (Npgsql's prepared commands, pgbench -M prepared) still has a certain description.</item>
/// <item>Anything else — a portal or statement the edge did not see described, a description too large to inspect,
/// a statement re-parsed, a cursor declared in SQL — has none, and its rows are not sampled.</item>
/// <item>After an error the server skips to Sync; ReadyForQuery with status idle ends every portal; SQL that may
/// prepare, deallocate, declare or close names (<see cref="NameChanges"/>) makes the edge forget them all.</item>
/// <item>In copy-in the server ignores Sync (and Flush) until the client ends the copy.</item>
/// <item>A reply that fits no request means the pairing is lost: the tracker stops answering for the rest of the
/// session (<see cref="IsLost"/>), which only stops samples.</item>
/// </list>
/// The client pump adds requests and the reply pump consumes them, so the queue is locked; descriptions are
/// touched by the reply pump only. Malformed messages never throw: the relay's behaviour must not depend on it.
/// </remarks>
internal sealed partial class ReplyTracker
{
    /// <summary>Bound on statements and portals remembered (a client may create any number; the server keeps them, we need not).</summary>
    public const int MaxTrackedNames = 10_000;

    private readonly Queue<Request> _requests = new();
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Portal> _portals = new(StringComparer.Ordinal);
    private bool _copyIn;
    private bool _lost;

    /// <summary>The description of the rows of the current simple-Query statement; null when none is certain.</summary>
    private IReadOnlyList<RowField>? _queryFields;

    private enum Kind
    {
        Query,
        Parse,
        Bind,
        DescribeStatement,
        DescribePortal,
        Execute,
        CloseStatement,
        ClosePortal,
        Sync,
        CopyEnd,
    }

    /// <param name="Formats">Bind: the result format codes.</param>
    /// <param name="Statement">Bind: the statement bound.</param>
    /// <param name="ChangesNames">Query, Parse: the SQL may change prepared statements or portals.</param>
    private readonly record struct Request(Kind Kind, string Name = "", string Statement = "", short[]? Formats = null, bool ChangesNames = false);

    /// <param name="Fields">From Describe: the fields, with placeholder formats; null when not described.</param>
    private sealed record Statement(IReadOnlyList<RowField>? Fields, bool ChangesNames);

    /// <param name="Fields">With their real formats; null when not certain.</param>
    private sealed record Portal(IReadOnlyList<RowField>? Fields, bool ChangesNames);

    /// <summary>What a server message means for the rows being sampled.</summary>
    public enum Meaning
    {
        Other,
        Row,
        ResultEnded,
        ResultFailed,
    }

    public bool IsLost
    {
        get
        {
            lock (_requests)
            {
                return _lost;
            }
        }
    }

    // Client → server, in the order the messages go upstream (before their bytes are written); replies in ReplyTracker.Replies.cs.

    /// <summary>A simple Query, or anything answered like one (a FunctionCall, a substituted refusal).</summary>
    public void QuerySent(string? sql) => Enqueue(new Request(Kind.Query, ChangesNames: sql is not null && NameChanges.Mentioned(sql)));

    public void ParseSent(string statement, string sql) => Enqueue(new Request(Kind.Parse, statement, ChangesNames: NameChanges.Mentioned(sql)));

    public void ExecuteSent(in ReadOnlySequence<byte> payload)
    {
        if (TryParse(payload, ExecuteMessage.Parse, out var execute))
        {
            Enqueue(new Request(Kind.Execute, execute.Portal));
        }
        else
        {
            Lose();
        }
    }

    public void SyncSent()
    {
        lock (_requests)
        {
            // The server ignores a Sync during copy-in; it answers only the one after the copy ends.
            if (!_copyIn)
            {
                _requests.Enqueue(new Request(Kind.Sync));
            }
        }
    }

    /// <summary>Bind, Describe, Close, CopyDone and CopyFail; other types are not requests with replies of their own.</summary>
    public void Sent(byte type, in ReadOnlySequence<byte> payload)
    {
        switch (type)
        {
            case FrontendMessageType.Bind when TryParse(payload, BindMessage.Parse, out var bind):
                Enqueue(new Request(Kind.Bind, bind.Portal, bind.Statement, bind.ResultFormats));
                break;
            case FrontendMessageType.Describe when TryParse(payload, DescribeMessage.Parse, out var describe):
                Enqueue(new Request(describe.Target == DescribeMessage.Statement ? Kind.DescribeStatement : Kind.DescribePortal, describe.Name));
                break;
            case FrontendMessageType.Close when TryParse(payload, CloseMessage.Parse, out var close):
                Enqueue(new Request(close.Target == DescribeMessage.Statement ? Kind.CloseStatement : Kind.ClosePortal, close.Name));
                break;
            case FrontendMessageType.Bind or FrontendMessageType.Describe or FrontendMessageType.Close:
                // Malformed: the server ends the session, or else answers something this tracker cannot pair.
                Lose();
                break;
            case FrontendMessageType.CopyDone or FrontendMessageType.CopyFail:
                lock (_requests)
                {
                    if (_copyIn)
                    {
                        _copyIn = false;
                    }
                    else
                    {
                        // The server has not said CopyInResponse yet (or this is a stray message it will ignore).
                        _requests.Enqueue(new Request(Kind.CopyEnd));
                    }
                }
                break;
        }
    }

    /// <summary>The request the next reply answers; CopyEnd markers left over in front are dropped.</summary>
    private Request? Front()
    {
        while (_requests.TryPeek(out var front))
        {
            if (front.Kind != Kind.CopyEnd)
            {
                return front;
            }
            _requests.Dequeue();
        }
        return null;
    }

    private Request Pop() => _requests.Dequeue();

    private void Lose()
    {
        lock (_requests)
        {
            _lost = true;
            _requests.Clear();
        }
    }

    private void Enqueue(Request request)
    {
        lock (_requests)
        {
            if (!_lost)
            {
                _requests.Enqueue(request);
            }
        }
    }

    private static void Remember<T>(Dictionary<string, T> names, string name, T value)
    {
        if (names.Count < MaxTrackedNames || names.ContainsKey(name))
        {
            names[name] = value;
        }
    }

    /// <summary>A statement's fields with a Bind's result formats: none → all text, one → all alike, else one per field.</summary>
    private static IReadOnlyList<RowField>? WithFormats(IReadOnlyList<RowField> fields, short[] formats)
    {
        if (formats.Length > 1 && formats.Length != fields.Count)
        {
            return null; // the server refuses such a Bind
        }
        var result = new RowField[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var format = formats.Length == 0 ? RowField.TextFormat : formats[formats.Length == 1 ? 0 : i];
            if (format is not (RowField.TextFormat or RowField.BinaryFormat))
            {
                return null;
            }
            result[i] = fields[i] with { Format = format };
        }
        return result;
    }

    private delegate T Parser<T>(in ReadOnlySequence<byte> payload);

    private static bool TryParse<T>(in ReadOnlySequence<byte> payload, Parser<T> parse, out T value)
    {
        try
        {
            value = parse(payload);
            return true;
        }
        catch (ProtocolException)
        {
            value = default!;
            return false;
        }
    }
}
