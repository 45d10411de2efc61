using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Warden.Integration.Tests.Fixtures;

namespace Warden.Integration.Tests.Policy.Support;

/// <summary>Tokens and connections for the three demo groups, and the policy's own view of a statement.</summary>
internal static class EdgeTokens
{
    /// <summary>Demo groups and the access rule each one lands on (src/Policy/Demo/DemoPolicy.cs).</summary>
    public const string Ci = "ci";
    public const string Agents = "agents";
    public const string CiRule = "ci-read";
    public const string AgentsRule = "agents";

    // A token lives 900 s; one per group and edge is plenty for a test run and saves an HTTP round trip per case.
    private static readonly ConcurrentDictionary<(int Port, string Group), Task<string>> Tokens = new();

    public static Task<string> GetAsync(WardenCluster cluster, string group) =>
        Tokens.GetOrAdd((cluster.EdgePort, group), key => cluster.TokenAsync(SubjectOf(key.Group), key.Group));

    public static string SubjectOf(string group) => "escape-tester-" + group;

    public static string RuleOf(string group) => group switch
    {
        Ci => CiRule,
        Agents => AgentsRule,
        _ => group,
    };

    /// <summary>An Npgsql connection through the edge (extended protocol for every command).</summary>
    public static async Task<NpgsqlConnection> OpenNpgsqlAsync(WardenCluster cluster, string group)
    {
        var connection = new NpgsqlConnection(cluster.EdgeConnectionString(await GetAsync(cluster, group)));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// <c>POST /api/policy/evaluate</c> for the statement, as text for a failure message: the verdict, classes,
    /// rule and reason the policy gives, so a finding can be reported without re-running anything.
    /// </summary>
    public static async Task<string> EvaluateAsync(WardenCluster cluster, string sql, string group)
    {
        try
        {
            var response = await cluster.Api.PostAsJsonAsync(
                "/api/policy/evaluate", new { sql, subject = SubjectOf(group), groups = new[] { group }, target = "demo" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return $"POST /api/policy/evaluate → {(int)response.StatusCode} {body.GetRawText()}";
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or NotSupportedException)
        {
            return $"POST /api/policy/evaluate failed: {e.Message}";
        }
    }
}
