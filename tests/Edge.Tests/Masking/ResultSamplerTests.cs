using System.Buffers.Binary;
using System.Text;
using Warden.Edge.Masking;
using Warden.Protocol.Messages;
using static Warden.Edge.Tests.Masking.FieldMaskingTests;

namespace Warden.Edge.Tests.Masking;

/// <summary>The capture state machine fed the bytes a server sends, cut at every offset, with the requests a client sent.</summary>
public sealed class ResultSamplerTests
{
    private static readonly RowField Id = new("id", Customers, 1, BinaryValues.Int4, 4, -1, RowField.TextFormat);
    private static readonly RowField Name = new("name", Customers, 2, BinaryValues.Text, -1, -1, RowField.TextFormat);
    private static readonly RowField Email = new("email", Customers, 3, BinaryValues.Text, -1, -1, RowField.TextFormat);
    private static readonly RowField Ssn = new("ssn", Customers, 4, BinaryValues.Text, -1, -1, RowField.TextFormat);
    private static readonly RowField Lower = new("lower", 0, 0, BinaryValues.Text, -1, -1, RowField.TextFormat);
    private static readonly RowField Count = new("count", 0, 0, BinaryValues.Int8, 8, -1, RowField.TextFormat);

    private static ResultSampler Sampler(int rows = 5, int valueChars = 200, int bytes = 16 << 10, Func<bool>? current = null) =>
        new(Plan(), new SampleLimits(rows, valueChars, bytes, 64 << 10), "UTF8", current ?? (() => true));

    private static byte[] Int4(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static string?[][] Rows(ResultSample? sample) => [.. Assert.IsType<ResultSample>(sample).Rows.Select(r => r.ToArray())];

    /// <summary>Runs the same exchange with the reply stream cut at every offset, and checks every run sees the same samples.</summary>
    private static List<ResultSample?> AtEveryCut(Action<ReplyTracker> requests, ServerStream replies, Func<ResultSampler>? make = null)
    {
        var bytes = replies.ToArray();
        List<ResultSample?>? first = null;
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var sampler = (make ?? (() => Sampler()))();
            requests(sampler.Requests);
            var samples = Feed.Replies(sampler, bytes, cut);
            first ??= samples;
            Assert.Equal(Describe(first), Describe(samples));
        }
        return first!;
    }

    private static string Describe(List<ResultSample?> samples) => string.Join(" / ", samples.Select(s => s is null
        ? "none"
        : string.Join(",", s.Columns) + ": " + string.Join(" | ", s.Rows.Select(r => string.Join(",", r.Select(v => v ?? "NULL"))))));

    [Fact]
    public void SimpleQuery_RowsMaskedCappedAndNamed()
    {
        var samples = AtEveryCut(
            t => t.QuerySent("SELECT id, name, email, ssn FROM customers"),
            new ServerStream().Describe(Id, Name, Email, Ssn)
                .Row("1", "Ann (ann@example.org)", "ann@example.org", "123-45-6789")
                .Row("2", null, "bob@example.net", "900-11-2222")
                .Row("3", "Cy", "cy@example.com", "078-05-1120")
                .Complete("SELECT 3").Ready(),
            () => Sampler(rows: 2));
        var sample = Assert.Single(samples);
        Assert.Equal(["id", "name", "email", "ssn"], sample!.Columns);
        Assert.Equal(
            [["1", "Ann ([email])", "a***@example.org", "****"], ["2", null, "b***@example.net", "****"]],
            Rows(sample));
    }

    [Fact]
    public void SimpleQuery_SeveralStatements_OneSampleEach_ComputedRedactedCountKept()
    {
        var samples = AtEveryCut(
            t => t.QuerySent("SELECT lower(email) FROM customers; SELECT count(*) FROM customers; SET x = 1"),
            new ServerStream().Describe(Lower).Row("ann@example.org").Complete("SELECT 1")
                .Describe(Count).Row("1000").Complete("SELECT 1")
                .Notice().Complete("SET").Ready());
        Assert.Equal(3, samples.Count);
        Assert.Equal([["****"]], Rows(samples[0]));
        Assert.Equal([["1000"]], Rows(samples[1]));
        Assert.Null(samples[2]);
    }

    [Fact]
    public void Extended_DescribePortal_BinaryRowsDecodedAndMasked()
    {
        var samples = AtEveryCut(
            t =>
            {
                t.ParseSent("", "SELECT id, email FROM customers");
                t.Bind("", "", RowField.BinaryFormat);
                t.DescribePortal("");
                t.Execute("");
                t.SyncSent();
            },
            new ServerStream().ParseComplete().BindComplete()
                .Describe(Id with { Format = 1 }, Email with { Format = 1 })
                .RowBytes(Int4(7), "alice@example.com"u8.ToArray())
                .Complete("SELECT 1").Ready());
        Assert.Equal([["7", "a***@example.com"]], Rows(Assert.Single(samples)));
    }

    [Fact]
    public void Prepared_DescribedOnceThenExecutedWithoutDescribe_BindFormatsApplied()
    {
        var samples = AtEveryCut(
            t =>
            {
                t.ParseSent("s1", "SELECT id, email FROM customers WHERE id = $1");
                t.DescribeStatement("s1");
                t.SyncSent();
                t.Bind("", "s1", RowField.BinaryFormat, RowField.TextFormat);
                t.Execute("");
                t.SyncSent();
                t.Bind("", "s1");
                t.Execute("");
                t.SyncSent();
            },
            new ServerStream().ParseComplete().ParameterDescription().Describe(Id, Email).Ready()
                .BindComplete().RowBytes(Int4(7), "alice@example.com"u8.ToArray()).Complete("SELECT 1").Ready()
                .BindComplete().Row("8", "bob@example.org").Complete("SELECT 1").Ready());
        Assert.Equal(2, samples.Count);
        Assert.Equal([["7", "a***@example.com"]], Rows(samples[0]));
        Assert.Equal([["8", "b***@example.org"]], Rows(samples[1]));
    }

    [Fact]
    public void Prepared_NeverDescribed_NoSample()
    {
        var samples = AtEveryCut(
            t =>
            {
                t.ParseSent("s2", "SELECT email FROM customers");
                t.SyncSent();
                t.Bind("", "s2", RowField.BinaryFormat);
                t.Execute("");
                t.SyncSent();
            },
            new ServerStream().ParseComplete().Ready().BindComplete().RowBytes("alice@example.com"u8.ToArray()).Complete("SELECT 1").Ready());
        Assert.Null(Assert.Single(samples));
    }

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
    public void ErrorMidResult_RowsOfThatResultDropped()
    {
        var samples = AtEveryCut(
            t =>
            {
                t.QuerySent("SELECT email, 1/(id-2) FROM customers");
                t.QuerySent("SELECT email FROM customers");
            },
            new ServerStream().Describe(Email).Row("ann@example.org").Error("22012").Ready()
                .Describe(Email).Row("bob@example.org").Complete("SELECT 1").Ready());
        Assert.Equal([["b***@example.org"]], Rows(Assert.Single(samples)));
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
    public void RowNotMatchingItsDescription_NoSample()
    {
        var samples = AtEveryCut(
            t => t.QuerySent("SELECT id, email FROM customers"),
            new ServerStream().Describe(Id, Email).Row("1", "ann@example.org").Row("2").Complete("SELECT 2").Ready());
        Assert.Null(Assert.Single(samples));
    }

    [Fact]
    public void LargeRow_EndsTheSampleAtTheRowsBefore()
    {
        var sampler = new ResultSampler(Plan(), new SampleLimits(5, 200, 16 << 10, MaxRowBytes: 100), "UTF8", () => true);
        sampler.Requests.QuerySent("SELECT name FROM customers");
        var samples = Feed.Replies(sampler, new ServerStream().Describe(Name).Row("short").Row(new string('x', 200)).Row("after").Complete("SELECT 3").Ready().ToArray());
        Assert.Equal([["short"]], Rows(Assert.Single(samples)));
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
    public void SuspendedPortal_EachExecuteItsOwnSample()
    {
        var samples = AtEveryCut(
            t =>
            {
                t.ParseSent("", "SELECT email FROM customers");
                t.Bind("", "");
                t.DescribePortal("");
                t.Execute("");
                t.Execute("");
                t.SyncSent();
            },
            new ServerStream().ParseComplete().BindComplete().Describe(Email)
                .Row("a@example.org").Suspended().Row("b@example.org").Complete("SELECT 2").Ready());
        Assert.Equal([["a***@example.org"]], Rows(samples[0]));
        Assert.Equal([["b***@example.org"]], Rows(samples[1]));
    }

    [Fact]
    public void Values_CutAfterMaskingAndToTheByteBudget()
    {
        var samples = AtEveryCut(
            t => t.QuerySent("SELECT name FROM customers"),
            new ServerStream().Describe(Name).Row("0123456789abcdef").Row("ann@example.org is here").Row("zzz").Complete("SELECT 3").Ready(),
            () => Sampler(valueChars: 10, bytes: 4 + 10 + 12));
        // Budget 26 bytes: the name (4), "012345678…" (9 + 3), then 10 bytes left: "[email] …" would not fit whole.
        var rows = Rows(Assert.Single(samples));
        Assert.Equal("012345678…", rows[0][0]);
        Assert.Equal(2, rows.Length);
        Assert.EndsWith("…", rows[1][0], StringComparison.Ordinal);
        Assert.DoesNotContain("ann", rows[1][0], StringComparison.Ordinal);
    }

    [Fact]
    public void PlanReplaced_SamplingStops()
    {
        var current = true;
        var sampler = Sampler(current: () => current);
        sampler.Requests.QuerySent("SELECT email FROM customers");
        sampler.Requests.QuerySent("SELECT email FROM customers");
        var replies = new ServerStream().Describe(Email).Row("ann@example.org").Complete("SELECT 1").Ready().ToArray();
        Assert.NotNull(Assert.Single(Feed.Replies(sampler, replies)));
        current = false;
        Assert.Null(Assert.Single(Feed.Replies(sampler, replies)));
    }

    [Fact]
    public void ClientEncoding_FollowsParameterStatus()
    {
        var sampler = Sampler();
        sampler.Requests.QuerySent("SET client_encoding = 'LATIN1'");
        sampler.Requests.QuerySent("SELECT name FROM customers");
        var samples = Feed.Replies(sampler, new ServerStream().ParameterStatus("client_encoding", "LATIN1").Complete("SET").Ready()
            .Describe(Name).RowBytes([(byte)'J', (byte)'o', (byte)'s', 0xE9]).Complete("SELECT 1").Ready().ToArray());
        Assert.Equal([["José"]], Rows(samples[1]));
    }

    [Fact]
    public void ClientMessagesMalformed_TrackerLostInsteadOfThrowing()
    {
        var sampler = Sampler();
        sampler.Requests.Sent(FrontendMessageType.Bind, new System.Buffers.ReadOnlySequence<byte>([1, 2, 3]));
        Assert.True(sampler.Requests.IsLost);
    }

    [Fact]
    public void SamplesNeverHoldTheRawSensitiveValues()
    {
        var sensitive = new[] { "ann@example.org", "123-45-6789", "4111111111111111", "078-05-1120" };
        var samples = AtEveryCut(
            t => t.QuerySent("SELECT name, email, ssn, lower(email) FROM customers"),
            new ServerStream().Describe(Name, Email, Ssn, Lower)
                .Row("card 4111111111111111, ssn 078-05-1120", "ann@example.org", "123-45-6789", "ann@example.org")
                .Complete("SELECT 1").Ready());
        var text = Describe(samples);
        Assert.All(sensitive, s => Assert.DoesNotContain(s, text, StringComparison.Ordinal));
        Assert.Contains("card [credit_card], ssn [ssn]", text, StringComparison.Ordinal);
        _ = Encoding.UTF8;
    }
}
