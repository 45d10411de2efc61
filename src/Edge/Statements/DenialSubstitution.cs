using System.Collections.Concurrent;
using System.Security.Cryptography;
using Warden.Protocol;
using Warden.Protocol.Messages;

namespace Warden.Edge.Statements;

/// <summary>
/// Makes a refused statement fail where PostgreSQL itself would fail it. Instead of answering the client
/// directly (which would break pipelining, Sync handling and transaction state), the edge sends upstream
/// a statement that fails at parse analysis — "SELECT warden_denied_&lt;nonce&gt;", an unknown column —
/// and rewrites that one error into the denial. The server then skips to Sync and aborts an open
/// transaction exactly as it would for any failed statement (DESIGN §3).
/// The nonce is random per denial, so a client cannot forge a rewrite by naming such a column itself.
/// </summary>
internal sealed class DenialSubstitution
{
    private const string MarkerPrefix = "warden_denied_";

    /// <summary>
    /// A substituted statement inside an already-failed transaction fails with 25P02 instead, so its marker
    /// never comes back; past this many unresolved entries the oldest are forgotten.
    /// </summary>
    private const int MaxPending = 256;
    private readonly ConcurrentDictionary<string, (string Message, string SqlState)> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public bool HasPending => !_pending.IsEmpty;

    /// <summary>
    /// Registers a refusal and returns the SQL to send upstream in place of the statement. The client gets
    /// <paramref name="sqlState"/>: 42501 for a policy denial, 55000 when the statement could not be recorded.
    /// </summary>
    public string Substitute(string clientMessage, string sqlState = SqlStates.InsufficientPrivilege)
    {
        var marker = MarkerPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _pending[marker] = (clientMessage, sqlState);
        _order.Enqueue(marker);
        // Forget the oldest first: a recent denial may still be in flight and must be rewritten.
        while (_order.Count > MaxPending && _order.TryDequeue(out var oldest))
        {
            _pending.TryRemove(oldest, out _);
        }
        return "SELECT " + marker;
    }

    /// <summary>If <paramref name="error"/> is the failure of a substituted statement, the denial to send instead.</summary>
    public bool TryRewrite(ErrorResponse error, out ErrorResponse denial)
    {
        denial = null!;
        var message = error.Message;
        var start = message?.IndexOf(MarkerPrefix, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return false;
        }
        var end = start + MarkerPrefix.Length;
        while (end < message!.Length && char.IsAsciiHexDigitLower(message[end]))
        {
            end++;
        }
        if (!_pending.TryRemove(message[start..end], out var refusal))
        {
            return false;
        }
        denial = ErrorResponse.Create(ErrorResponse.Error, refusal.SqlState, refusal.Message);
        return true;
    }
}
