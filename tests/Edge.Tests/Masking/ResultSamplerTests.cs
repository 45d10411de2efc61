using Warden.Edge.Masking;
using Warden.Protocol.Messages;
using static Warden.Edge.Tests.Masking.FieldMaskingTests;
using static Warden.Edge.Tests.Masking.SamplerHarness;

namespace Warden.Edge.Tests.Masking;

/// <summary>Sample rows from the bytes a server sends, cut at every offset: masked, capped, per result.</summary>
public sealed class ResultSamplerTests
{
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
    }
}
