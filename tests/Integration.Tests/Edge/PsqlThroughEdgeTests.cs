using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Edge;

/// <summary>psql, the client people and CI scripts reach for first, through a real edge.</summary>
[Collection(WardenClusterCollection.Name)]
public sealed class PsqlThroughEdgeTests(WardenCluster cluster)
{
    [Theory]
    [InlineData("require")]
    [InlineData("disable")]
    public async Task Query_CountsCustomers(string sslMode)
    {
        var result = await Psql.RunAsync(cluster.EdgePort, await cluster.TokenAsync("ci-bot", "ci"), sslMode, "-c", "SELECT count(*) FROM customers");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("1000", result.Output);
    }

    [Fact]
    public async Task DeniedStatement_ReportsSqlState42501()
    {
        var result = await Psql.RunAsync(cluster.EdgePort, await cluster.TokenAsync("ci-bot", "ci"), "require", "-c", "DELETE FROM customers");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("42501", result.Error);
    }

    [Fact]
    public async Task CopyScript_CopyOutThroughPsql_StreamsRows()
    {
        var result = await Psql.RunAsync(cluster.EdgePort, await cluster.TokenAsync("ci-bot", "ci"), "require",
            "-c", "COPY (SELECT id FROM customers WHERE id <= 3 ORDER BY id) TO STDOUT");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(["1", "2", "3"], result.Output.Split('\n'));
    }

    [Fact]
    public async Task AlgNoneToken_FailsAuthentication()
    {
        var result = await Psql.RunAsync(cluster.EdgePort, "eyJhbGciOiJub25lIn0.e30.", "require", "-c", "SELECT 1");
        Assert.NotEqual(0, result.ExitCode);
        // libpq prints connection failures without their SQLSTATE; the gateway's message names the token.
        Assert.Contains("token", result.Error);
    }
}
