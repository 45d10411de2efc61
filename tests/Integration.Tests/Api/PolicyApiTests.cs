using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Api;

/// <summary>The policy over REST: read it redacted, dry-run statements, replace it and see live sessions follow.</summary>
[Collection(WardenClusterCollection.Name)]
public sealed class PolicyApiTests(WardenCluster cluster)
{
    [Fact]
    public async Task GetPolicy_ReturnsVersionAndRedactsPasswords()
    {
        var body = await cluster.Api.GetFromJsonAsync<JsonElement>("/api/policy");
        Assert.True(body.GetProperty("version").GetInt64() >= 1);
        var yaml = body.GetProperty("yaml").GetString()!;
        Assert.Contains("demo_reader", yaml);
        Assert.DoesNotContain(cluster.Seed.Reader.Password, yaml);
        Assert.DoesNotContain(cluster.Seed.Writer.Password, yaml);
    }

    [Theory]
    [InlineData("DROP TABLE customers", "agents", "approve", "agents", new[] { "ddl", "destructive" })]
    [InlineData("DELETE FROM customers WHERE id = 1", "ci", "deny", "ci-read", new[] { "write" })]
    [InlineData("SELECT * FROM customers", "ci", "allow", "ci-read", new[] { "read" })]
    [InlineData("WITH gone AS (DELETE FROM customers RETURNING id) SELECT count(*) FROM gone", "ci", "deny", "ci-read", new[] { "read", "write", "destructive" })]
    public async Task Evaluate_Statement_ReturnsVerdictClassesAndRule(string sql, string group, string verdict, string rule, string[] classes)
    {
        var response = await cluster.Api.PostAsJsonAsync("/api/policy/evaluate", new { sql, subject = "someone", groups = new[] { group }, target = "demo" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(verdict, body.GetProperty("verdict").GetString());
        Assert.Equal(rule, body.GetProperty("rule").GetString());
        Assert.Equal(classes, body.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray());
    }

    [Fact]
    public async Task Evaluate_NoMatchingRule_DeniesWithoutRule()
    {
        var response = await cluster.Api.PostAsJsonAsync("/api/policy/evaluate", new { sql = "SELECT 1", subject = "x", groups = new[] { "nobody" }, target = "demo" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deny", body.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("rule").ValueKind);
    }

    [Fact]
    public async Task PutPolicy_Invalid_Returns400WithEveryErrorAndLine()
    {
        var response = await cluster.Api.PutAsync("/api/policy", new StringContent("targets: {}\naccess:\n  - name: x\n    alow: [read]\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("line").GetInt32() == 4 && e.GetProperty("message").GetString()!.Contains("alow"));
        Assert.True(errors.Count >= 2); // the unknown key and the missing role at least
    }

    [Fact]
    public async Task BearerToken_Invalid_Returns401Problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/policy");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        var response = await cluster.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PutPolicy_CallerNotApprover_Returns403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/policy") { Content = new StringContent(cluster.PolicyYaml) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await cluster.TokenAsync("ci-bot", "ci"));
        var response = await cluster.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PutPolicy_Valid_LiveSessionFollowsNewVersion()
    {
        await using var session = await cluster.OpenAsync("ci-bot", "ci");
        Assert.Equal(1000L, await CountAsync(session)); // allowed and now cached at the edge
        var withoutRead = cluster.PolicyYaml.Replace("allow: [read, transaction, session]", "allow: [transaction, session]", StringComparison.Ordinal);
        Assert.NotEqual(cluster.PolicyYaml, withoutRead);
        try
        {
            await PutAsync(withoutRead);
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    await CountAsync(session);
                    return false;
                }
                catch (PostgresException e) when (e.SqlState == "42501")
                {
                    return true;
                }
            }, "the live session is refused under the new policy");
        }
        finally
        {
            await PutAsync(cluster.PolicyYaml);
        }
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await CountAsync(session) == 1000L;
            }
            catch (PostgresException e) when (e.SqlState == "42501")
            {
                return false;
            }
        }, "the live session reads again under the restored policy");
    }

    private async Task PutAsync(string yaml)
    {
        var response = await cluster.Api.PutAsync("/api/policy", new StringContent(yaml));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> CountAsync(NpgsqlConnection session)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM customers", session);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
