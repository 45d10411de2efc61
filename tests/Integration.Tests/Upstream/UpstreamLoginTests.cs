using Npgsql;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// The edge logs in upstream with the held credential by whatever method the server asks for, with TLS as the
/// target's policy says; checked from inside the session and from the server's own side.
/// </summary>
[Collection(UpstreamLoginCollection.Name)]
public sealed class UpstreamLoginTests(UpstreamLoginFixture fixture)
{
    [Theory]
    [InlineData("scram", false)]
    [InlineData("md5", false)]
    [InlineData("cleartext", false)]
    [InlineData("tls", true)]
    public async Task Open_Target_LogsInAsHeldLoginWithIntendedMethodAndTls(string targetName, bool ssl)
    {
        var target = UpstreamTarget.Named(targetName);
        await using var connection = await fixture.OpenAsync(target);

        await using (var command = new NpgsqlCommand("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(target.User, reader.GetString(0));
            Assert.Equal(ssl, reader.GetBoolean(1));
        }

        // The server's side, bypassing the edge: every backend of this login has the expected TLS state...
        var backends = await fixture.QueryDirectAsync<bool>(
            "SELECT s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.usename = $1", target.User);
        Assert.NotEmpty(backends);
        Assert.All(backends, backendSsl => Assert.Equal(ssl, backendSsl));
        // ...and authenticated by the method pg_hba.conf chose for it (an md5 rule with a SCRAM verifier would say scram).
        await fixture.WaitForServerLogAsync($"identity=\"{target.User}\" method={target.LoggedMethod}");
    }

    [Fact]
    public async Task Open_TlsTarget_ServerLogsTlsConnectionForLogin()
    {
        await using var connection = await fixture.OpenAsync(UpstreamTarget.Tls);

        var log = await fixture.WaitForServerLogAsync($"connection authorized: user={UpstreamTarget.Tls.User} database={UpstreamLoginFixture.Database}");

        var authorized = log.Split('\n').Where(line => line.Contains($"connection authorized: user={UpstreamTarget.Tls.User} ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(authorized);
        Assert.All(authorized, line => Assert.Contains("SSL enabled", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_PlaintextTarget_ServerLogsNoTlsForLogin()
    {
        await using var connection = await fixture.OpenAsync(UpstreamTarget.Scram);

        var log = await fixture.WaitForServerLogAsync($"connection authorized: user={UpstreamTarget.Scram.User} database={UpstreamLoginFixture.Database}");

        var authorized = log.Split('\n').Where(line => line.Contains($"connection authorized: user={UpstreamTarget.Scram.User} ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(authorized);
        Assert.All(authorized, line => Assert.DoesNotContain("SSL enabled", line, StringComparison.Ordinal));
    }
}
