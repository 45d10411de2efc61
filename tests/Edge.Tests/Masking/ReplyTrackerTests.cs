using Warden.Edge.Masking;
using Warden.Protocol.Messages;
using static Warden.Edge.Tests.Masking.SamplerHarness;

namespace Warden.Edge.Tests.Masking;

/// <summary>Pairing replies with requests: what is remembered, forgotten, skipped and lost.</summary>
public sealed class ReplyTrackerTests
{
    [Theory]
    [InlineData("reparse")]
    [InlineData("close")]
    [InlineData("deallocate")]
    public void Prepared_ReplacedOrForgotten_DescriptionNotReused(string how)
    {
        var sampler = Sampler();
        var t = sampler.Requests;
        t.ParseSent("s1", "SELECT id FROM customers");
        t.DescribeStatement("s1");
        t.SyncSent();
        var replies = new ServerStream().ParseComplete().ParameterDescription().Describe(Id).Ready();
        switch (how)
        {
            case "reparse":
                t.ParseSent("s1", "SELECT email FROM customers");
                t.SyncSent();
                replies.ParseComplete().Ready();
                break;
            case "close":
                t.CloseStatement("s1");
                t.SyncSent();
                replies.CloseComplete().Ready();
                break;
            default:
                t.QuerySent("DEALLOCATE s1; PREPARE s1 AS SELECT email FROM customers");
                replies.Complete("DEALLOCATE").Complete("PREPARE").Ready();
                break;
        }
        t.Bind("", "s1");
        t.Execute("");
        t.SyncSent();
        replies.BindComplete().Row("alice@example.com").Complete("SELECT 1").Ready();
        Assert.All(Feed.Replies(sampler, replies.ToArray()), Assert.Null);
    }

    [Fact]
    public void Extended_ErrorSkipsToSync_LaterResultsStillPaired()
    {
        var samples = AtEveryCut(
            t =>
            {
                t.ParseSent("", "SELECT * FROM nope");
                t.Bind("", "");
                t.DescribePortal("");
                t.Execute("");
                t.SyncSent();
                t.QuerySent("SELECT email FROM customers");
            },
            new ServerStream().Error().Ready().Describe(Email).Row("ann@example.org").Complete("SELECT 1").Ready());
        Assert.Equal([["a***@example.org"]], Rows(Assert.Single(samples)));
    }

    [Fact]
    public void CopyIn_SyncsDuringCopyIgnored_TrackerStaysPaired()
    {
        var sampler = Sampler();
        var t = sampler.Requests;
        // Extended COPY as libpq sends it: Execute and Sync, then, after CopyInResponse, data, CopyDone and a second Sync.
        t.ParseSent("", "COPY t FROM STDIN");
        t.Bind("", "");
        t.Execute("");
        t.SyncSent();
        Assert.Empty(Feed.Replies(sampler, new ServerStream().ParseComplete().BindComplete().CopyIn().ToArray()));
        t.SyncSent(); // a Flush/Sync sent mid-copy: ignored by the server
        t.CopyDone();
        t.SyncSent();
        t.QuerySent("SELECT email FROM customers");
        var samples = Feed.Replies(sampler, new ServerStream().Complete("COPY 2").Ready()
            .Describe(Email).Row("ann@example.org").Complete("SELECT 1").Ready().ToArray());
        Assert.Null(samples[0]);
        Assert.Equal([["a***@example.org"]], Rows(samples[1]));
        Assert.False(t.IsLost);
    }

    [Fact]
    public void CopyIn_ClientPipelinedTheWholeCopy_SyncBeforeCopyDoneDropped()
    {
        var samples = AtEveryCut(
            t =>
            {
                t.ParseSent("", "COPY t FROM STDIN");
                t.Bind("", "");
                t.Execute("");
                t.SyncSent();
                t.CopyDone();
                t.SyncSent();
                t.QuerySent("SELECT email FROM customers");
            },
            new ServerStream().ParseComplete().BindComplete().CopyIn().Complete("COPY 1").Ready()
                .Describe(Email).Row("ann@example.org").Complete("SELECT 1").Ready());
        Assert.Equal([["a***@example.org"]], Rows(samples[1]));
    }

    [Fact]
    public void SimpleQueryCopyIn_ThenQuery_Paired()
    {
        var sampler = Sampler();
        sampler.Requests.QuerySent("COPY t FROM STDIN");
        Assert.Empty(Feed.Replies(sampler, new ServerStream().CopyIn().ToArray()));
        sampler.Requests.CopyDone();
        sampler.Requests.QuerySent("SELECT email FROM customers");
        var samples = Feed.Replies(sampler, new ServerStream().Complete("COPY 3").Ready().Describe(Email).Row("x@example.org").Complete("SELECT 1").Ready().ToArray());
        Assert.Equal([["x***@example.org"]], Rows(samples[1]));
    }

    [Fact]
    public void ReplyThatFitsNoRequest_TrackerLost_NoMoreSamples()
    {
        var sampler = Sampler();
        sampler.Requests.QuerySent("SELECT email FROM customers");
        var samples = Feed.Replies(sampler, new ServerStream().BindComplete().Describe(Email).Row("ann@example.org").Complete("SELECT 1").Ready().ToArray());
        Assert.True(sampler.Requests.IsLost);
        Assert.All(samples, Assert.Null);
        sampler.Requests.QuerySent("SELECT email FROM customers");
        Assert.All(Feed.Replies(sampler, new ServerStream().Describe(Email).Row("ann@example.org").Complete("SELECT 1").Ready().ToArray()), Assert.Null);
    }

    [Fact]
    public void DescriptionStreamedUninspected_RowsNotSampled()
    {
        var sampler = Sampler();
        sampler.Requests.QuerySent("SELECT * FROM wide");
        sampler.Observe(BackendMessageType.RowDescription, null);
        Assert.All(Feed.Replies(sampler, new ServerStream().Row("ann@example.org").Complete("SELECT 1").Ready().ToArray()), Assert.Null);
    }

    [Fact]
    public void Portals_EndWithTheTransaction()
    {
        var sampler = Sampler();
        var t = sampler.Requests;
        t.ParseSent("s1", "SELECT id FROM customers");
        t.DescribeStatement("s1");
        t.Bind("p", "s1");
        t.Execute("p");
        t.SyncSent();
        t.Execute("p");
        t.SyncSent();
        var samples = Feed.Replies(sampler, new ServerStream().ParseComplete().ParameterDescription().Describe(Id).BindComplete()
            .Row("1").Complete("SELECT 1").Ready('T')
            .Row("2").Complete("SELECT 1").Ready('I').ToArray());
        Assert.Equal([["1"]], Rows(samples[0]));
        Assert.Equal([["2"]], Rows(samples[1])); // still in the transaction ('T')
        t.Execute("p");
        t.SyncSent();
        Assert.All(Feed.Replies(sampler, new ServerStream().Row("3").Complete("SELECT 1").Ready().ToArray()), Assert.Null);
    }

    [Fact]
    public void ClientMessagesMalformed_TrackerLostInsteadOfThrowing()
    {
        var sampler = Sampler();
        sampler.Requests.Sent(FrontendMessageType.Bind, new System.Buffers.ReadOnlySequence<byte>([1, 2, 3]));
        Assert.True(sampler.Requests.IsLost);
    }
}
