using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Warden.Edge.Hosting;
using Warden.Edge.Statements;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Tests.Statements;

/// <summary>Verdicts cached per (policy version, rule, statement text), for a bounded time and number of entries.</summary>
public sealed class VerdictCacheTests
{
    private const string Sql = "SELECT 1";
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryGet_AfterAdd_ReturnsSameVerdict()
    {
        var cache = Cache();
        var verdict = Allow("ci-read", 3);
        cache.Add(Sql, verdict);

        Assert.True(cache.TryGet(3, "ci-read", Sql, out var cached));
        Assert.Same(verdict, cached);
    }

    [Fact]
    public void TryGet_NeverAdded_Misses()
    {
        var cache = Cache();
        cache.Add(Sql, Allow("ci-read", 3));

        Assert.False(cache.TryGet(3, "ci-read", "SELECT 2", out _));
        Assert.False(cache.TryGet(3, "ci-read", "select 1", out _));
    }

    [Fact]
    public void TryGet_JustBeforeTtl_Hits()
    {
        var cache = Cache();
        cache.Add(Sql, Allow("ci-read", 3));

        _time.Advance(Ttl - TimeSpan.FromSeconds(1));

        Assert.True(cache.TryGet(3, "ci-read", Sql, out _));
    }

    [Fact]
    public void TryGet_AfterTtl_Misses()
    {
        var cache = Cache();
        cache.Add(Sql, Allow("ci-read", 3));

        _time.Advance(Ttl);

        Assert.False(cache.TryGet(3, "ci-read", Sql, out _));
    }

    [Fact]
    public void Add_AfterExpiry_ServesFreshEntryForAnotherTtl()
    {
        var cache = Cache();
        cache.Add(Sql, Allow("ci-read", 3));
        _time.Advance(Ttl);
        var fresh = Deny("ci-read", 3);

        cache.Add(Sql, fresh);
        _time.Advance(Ttl - TimeSpan.FromSeconds(1));

        Assert.True(cache.TryGet(3, "ci-read", Sql, out var cached));
        Assert.Same(fresh, cached);
    }

    [Fact]
    public void TryGet_OtherPolicyVersion_Misses()
    {
        var cache = Cache();
        cache.Add(Sql, Allow("ci-read", 3));
        cache.Add(Sql, Deny("ci-read", 4));

        Assert.False(cache.TryGet(5, "ci-read", Sql, out _));
        Assert.True(cache.TryGet(3, "ci-read", Sql, out var v3));
        Assert.True(cache.TryGet(4, "ci-read", Sql, out var v4));
        Assert.Equal(Verdict.Allow, v3.Verdict);
        Assert.Equal(Verdict.Deny, v4.Verdict);
    }

    [Fact]
    public void TryGet_OtherRule_Misses()
    {
        var cache = Cache();
        cache.Add(Sql, Allow("agents", 3));

        Assert.False(cache.TryGet(3, "ci-read", Sql, out _));
        Assert.True(cache.TryGet(3, "agents", Sql, out _));
    }

    [Fact]
    public void Add_BeyondCapacity_CountStaysBoundedAndNewestHits()
    {
        const int capacity = 16;
        var cache = Cache(capacity);

        for (var i = 0; i < capacity * 10; i++)
        {
            cache.Add($"SELECT {i}", Allow("ci-read", 3));
            Assert.InRange(cache.Count, 1, capacity);
        }

        Assert.True(cache.TryGet(3, "ci-read", $"SELECT {capacity * 10 - 1}", out _));
    }

    private VerdictCache Cache(int capacity = 1_000) =>
        new(Options.Create(new EdgeOptions { VerdictCacheTtl = Ttl, VerdictCacheEntries = capacity }), _time);

    private static StatementVerdict Allow(string rule, long version) => new(Verdict.Allow, ["read"], rule, version, null);

    private static StatementVerdict Deny(string rule, long version) =>
        new(Verdict.Deny, ["write"], rule, version, $"statement denied by rule \"{rule}\"");
}
