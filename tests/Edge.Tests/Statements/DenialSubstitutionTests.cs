using System.Text.RegularExpressions;
using Warden.Edge.Statements;
using Warden.Protocol.Messages;

namespace Warden.Edge.Tests.Statements;

/// <summary>A denied statement is replaced upstream by one that fails, and only that failure is rewritten into the denial.</summary>
public sealed partial class DenialSubstitutionTests
{
    private const string Reason = "statement denied by rule \"ci-read\": class write is not allowed";

    [Fact]
    public void Substitute_Denial_ReturnsSelectOfRandomMarkerColumn()
    {
        var denials = new DenialSubstitution();

        var first = denials.Substitute(Reason);
        var second = denials.Substitute(Reason);

        Assert.Matches(MarkerSql(), first);
        Assert.Matches(MarkerSql(), second);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(Reason, first, StringComparison.Ordinal);
        Assert.True(denials.HasPending);
    }

    [Fact]
    public void TryRewrite_ServerErrorForOwnMarker_Becomes42501WithReason()
    {
        var denials = new DenialSubstitution();
        var marker = Marker(denials.Substitute(Reason));

        var rewritten = denials.TryRewrite(UndefinedColumn(marker), out var denial);

        Assert.True(rewritten);
        Assert.Equal("42501", denial.SqlState);
        Assert.Equal(Reason, denial.Message);
        Assert.Equal(ErrorResponse.Error, denial.Get(ErrorResponse.SeverityField));
        Assert.DoesNotContain(denial.Fields, f => f.Value.Contains("warden_denied_", StringComparison.Ordinal));
        Assert.False(denials.HasPending);
    }

    [Fact]
    public void TryRewrite_SameMarkerTwice_RewritesOnlyOnce()
    {
        var denials = new DenialSubstitution();
        var marker = Marker(denials.Substitute(Reason));

        Assert.True(denials.TryRewrite(UndefinedColumn(marker), out _));
        Assert.False(denials.TryRewrite(UndefinedColumn(marker), out _));
    }

    [Fact]
    public void TryRewrite_UnrelatedError_NotRewritten()
    {
        var denials = new DenialSubstitution();
        denials.Substitute(Reason);

        Assert.False(denials.TryRewrite(ErrorResponse.Create(ErrorResponse.Error, "42P01", "relation \"nope\" does not exist"), out _));
        Assert.False(denials.TryRewrite(new ErrorResponse([]), out _));
        Assert.True(denials.HasPending);
    }

    [Theory]
    [InlineData("warden_denied_000000000000000000000000")]
    [InlineData("warden_denied_")]
    [InlineData("warden_denied_deadbeef")]
    public void TryRewrite_ForgedMarkerNotRegistered_NotRewritten(string forged)
    {
        var denials = new DenialSubstitution();
        denials.Substitute(Reason);

        Assert.False(denials.TryRewrite(UndefinedColumn(forged), out _));
        Assert.True(denials.HasPending);
    }

    [Fact]
    public void TryRewrite_OwnMarkerWithExtraHexDigits_NotRewritten()
    {
        var denials = new DenialSubstitution();
        var marker = Marker(denials.Substitute(Reason));

        Assert.False(denials.TryRewrite(UndefinedColumn(marker + "0"), out _));
        Assert.False(denials.TryRewrite(UndefinedColumn(marker.ToUpperInvariant()), out _));
    }

    [Fact]
    public void TryRewrite_MarkerOfAnotherSession_NotRewritten()
    {
        var mine = new DenialSubstitution();
        var other = new DenialSubstitution();
        var marker = Marker(other.Substitute(Reason));

        Assert.False(mine.TryRewrite(UndefinedColumn(marker), out _));
        Assert.True(other.TryRewrite(UndefinedColumn(marker), out _));
    }

    [Fact]
    public void Substitute_ManyUnresolved_OldestForgotten()
    {
        // Inside a failed transaction the substitute fails with 25P02 and its marker never comes back.
        var denials = new DenialSubstitution();
        var oldest = Marker(denials.Substitute(Reason));
        for (var i = 0; i < 10_000; i++)
        {
            denials.Substitute(Reason);
        }

        Assert.False(denials.TryRewrite(UndefinedColumn(oldest), out _));
    }

    /// <summary>
    /// However many unresolved markers have piled up, the ones just sent upstream (still in flight in a pipeline)
    /// must still be rewritten; otherwise the client gets "column warden_denied_... does not exist" (42703).
    /// </summary>
    [Fact]
    public void Substitute_ManyUnresolved_RecentMarkersStillRewritten()
    {
        var denials = new DenialSubstitution();
        for (var unresolved = 0; unresolved < 1_000; unresolved++)
        {
            var inFlight = Marker(denials.Substitute(Reason));
            var next = Marker(denials.Substitute(Reason));

            Assert.True(denials.TryRewrite(UndefinedColumn(inFlight), out _), $"in-flight marker lost after {unresolved} unresolved");
            Assert.True(denials.TryRewrite(UndefinedColumn(next), out _), $"newest marker lost after {unresolved} unresolved");
            denials.Substitute(Reason);
        }
    }

    /// <summary>The error PostgreSQL sends for <c>SELECT marker</c> (parse analysis: undefined column).</summary>
    private static ErrorResponse UndefinedColumn(string column) =>
        ErrorResponse.Create(ErrorResponse.Error, "42703", $"column \"{column}\" does not exist");

    private static string Marker(string sql) => sql["SELECT ".Length..];

    [GeneratedRegex("^SELECT warden_denied_[0-9a-f]{24}$")]
    private static partial Regex MarkerSql();
}
