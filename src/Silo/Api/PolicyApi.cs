using Microsoft.AspNetCore.Http.HttpResults;
using Warden.Grains.Interfaces.Policy;
using Warden.Grains.Policy;
using Warden.Grains.Interfaces.Objects;
using Warden.Grains.Interfaces.Sessions;
using Warden.Grains.Objects;
using Warden.Sql;

namespace Warden.Silo.Api;

/// <summary>
/// GET /api/policy (secrets redacted), PUT /api/policy (validate, then swap cluster-wide),
/// POST /api/policy/evaluate (a dry run for people and for agents that want to ask first).
/// </summary>
internal static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/policy").RequireCaller();
        api.MapGet("/", GetPolicy);
        api.MapPut("/", ReplacePolicyAsync);
        api.MapPost("/evaluate", Evaluate);
        return app;
    }

    internal sealed record PolicyView(long Version, string Yaml);

    internal sealed record PolicyUpdated(long Version);

    /// <param name="SearchPath">
    /// The session's search_path, as <c>SHOW search_path</c> prints it; default <c>"$user", public</c>
    /// (PostgreSQL's default), with <c>$user</c> as the rule's upstream login.
    /// </param>
    internal sealed record EvaluateRequest(string? Sql, string? Subject, string[]? Groups, string? Target, string? SearchPath = null);

    internal sealed record EvaluateResponse(
        string Verdict, IReadOnlyList<string> Classes, string? Rule, string? Reason, long PolicyVersion, IReadOnlyList<EvaluatedRelation> Relations);

    /// <summary>One relation the statement touches: what it could resolve to, how it is used, and what decided it.</summary>
    /// <param name="Entry">The <c>match</c> of the objects entry that decided it; null for the rule's own lists.</param>
    internal sealed record EvaluatedRelation(string Relation, IReadOnlyList<string> Candidates, IReadOnlyList<string> Classes, string Verdict, string? Entry);

    private const string DefaultSearchPath = "\"$user\", public";

    private static Ok<PolicyView> GetPolicy(PolicyRuntime runtime)
    {
        var policy = runtime.Current;
        return TypedResults.Ok(new PolicyView(policy.Version, policy.ToRedactedYaml()));
    }

    private static async Task<Results<Ok<PolicyUpdated>, ProblemHttpResult>> ReplacePolicyAsync(
        HttpContext http, PolicyRuntime runtime, IGrainFactory grains)
    {
        var caller = http.Caller();
        if (!caller.LoopbackDeveloper && !runtime.Current.Approvals.IsApprover(caller.Groups))
        {
            return TypedResults.Problem("only members of an approver group may change the policy", statusCode: StatusCodes.Status403Forbidden, title: "forbidden");
        }
        using var reader = new StreamReader(http.Request.Body);
        var yaml = await reader.ReadToEndAsync(http.RequestAborted);
        var result = await grains.Policy().ReplaceAsync(yaml);
        if (result.Version is { } version)
        {
            return TypedResults.Ok(new PolicyUpdated(version));
        }
        return TypedResults.Problem(
            "the policy was not changed; fix every error listed",
            statusCode: StatusCodes.Status400BadRequest,
            title: "invalid policy",
            extensions: new Dictionary<string, object?> { ["errors"] = result.Problems });
    }

    private static async Task<Results<Ok<EvaluateResponse>, ProblemHttpResult>> Evaluate(EvaluateRequest request, PolicyRuntime runtime, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(request.Sql) || string.IsNullOrEmpty(request.Subject) || string.IsNullOrEmpty(request.Target))
        {
            return TypedResults.Problem("sql, subject and target are required", statusCode: StatusCodes.Status400BadRequest, title: "invalid request");
        }
        if (SearchPathText.Parse(request.SearchPath ?? DefaultSearchPath) is not { } path)
        {
            return TypedResults.Problem("searchPath is not a valid search_path value", statusCode: StatusCodes.Status400BadRequest, title: "invalid request");
        }
        var policy = runtime.Current;
        var rule = policy.MatchRule(request.Subject, request.Groups ?? [], request.Target);
        var analysis = SqlAnalyzer.Analyze(request.Sql, new SqlAnalyzerOptions { ReadOnlySession = rule?.IsReadOnly ?? true });
        var classes = analysis.Classes;
        if (rule is null)
        {
            var refusal = $"no access rule allows \"{request.Subject}\" on target \"{request.Target}\": the connection would be refused";
            return TypedResults.Ok(new EvaluateResponse("deny", classes.ToNames(), null, refusal, policy.Version, []));
        }
        // Only rules with objects entries need the target's catalog (a load from the target database).
        var catalog = rule.HasObjects ? await grains.Catalog(request.Target).GetAsync() : CatalogSnapshot.NotLoaded;
        var user = policy.FindTarget(request.Target)?.FindRole(rule.Role)?.User.Reveal() ?? string.Empty;
        var judgement = ObjectJudge.Judge(rule, analysis, SearchPaths.Startup(path), catalog, user);
        // A rule without objects decides exactly as the session grain does, from the classes alone.
        var decision = rule.HasObjects ? judgement.Decision : rule.Decide(classes);
        var relations = judgement.Relations.Select(r => new EvaluatedRelation(
            r.Use.Relation, [.. r.Use.Candidates.Select(c => c.ToString())], r.Use.Classes.ToNames(), r.Verdict.ToVerdict().ToWireName(), r.Entry)).ToList();
        var verdict = decision.Verdict.ToVerdict().ToWireName();
        return TypedResults.Ok(new EvaluateResponse(verdict, classes.ToNames(), rule.Name, decision.Reason, policy.Version, relations));
    }
}
