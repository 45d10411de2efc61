using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Warden.Edge.Hosting;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Statements;

/// <summary>
/// Edge-wide cache of statement verdicts. A verdict is a pure function of (policy version, access rule,
/// statement text), so sessions under the same rule share entries: a CI fleet repeating the same
/// statements asks the cluster once per distinct text, not once per execution (DESIGN §2).
/// Memory is bounded by an entry count; when full, the cache is emptied and refills with what is hot.
/// </summary>
internal sealed class VerdictCache(IOptions<EdgeOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly int _capacity = options.Value.VerdictCacheEntries;
    private readonly long _ttlTicks = (long)(options.Value.VerdictCacheTtl.TotalSeconds * time.TimestampFrequency);

    public int Count => _entries.Count;

    public bool TryGet(long policyVersion, string rule, string sql, out StatementVerdict verdict)
    {
        if (_entries.TryGetValue(new Key(policyVersion, rule, sql), out var entry) && time.GetTimestamp() < entry.ExpiresAt)
        {
            verdict = entry.Verdict;
            return true;
        }
        verdict = null!;
        return false;
    }

    public void Add(string sql, StatementVerdict verdict)
    {
        if (_entries.Count >= _capacity)
        {
            // Dropping everything is O(1) amortised and needs no bookkeeping on the hit path.
            _entries.Clear();
        }
        _entries[new Key(verdict.PolicyVersion, verdict.RuleName, sql)] = new Entry(verdict, time.GetTimestamp() + _ttlTicks);
    }

    private readonly record struct Key(long PolicyVersion, string Rule, string Sql);

    private sealed record Entry(StatementVerdict Verdict, long ExpiresAt);
}
