using Microsoft.AspNetCore.Http.HttpResults;
using Warden.Grains.Interfaces.Policy;
using Warden.Grains.Policy;
using Warden.Grains.Interfaces.Sessions;
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

    internal sealed record EvaluateRequest(string? Sql, string? Subject, string[]? Groups, string? Target);

    internal sealed record EvaluateResponse(string Verdict, IReadOnlyList<string> Classes, string? Rule, string? Reason, long PolicyVersion);

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

    private static Results<Ok<EvaluateResponse>, ProblemHttpResult> Evaluate(EvaluateRequest request, PolicyRuntime runtime)
    {
        if (string.IsNullOrEmpty(request.Sql) || string.IsNullOrEmpty(request.Subject) || string.IsNullOrEmpty(request.Target))
        {
            return TypedResults.Problem("sql, subject and target are required", statusCode: StatusCodes.Status400BadRequest, title: "invalid request");
        }
        var policy = runtime.Current;
        var rule = policy.MatchRule(request.Subject, request.Groups ?? [], request.Target);
        var classes = SqlAnalyzer.Analyze(request.Sql, new SqlAnalyzerOptions { ReadOnlySession = rule?.IsReadOnly ?? true }).Classes;
        if (rule is null)
        {
            var refusal = $"no access rule allows \"{request.Subject}\" on target \"{request.Target}\": the connection would be refused";
            return TypedResults.Ok(new EvaluateResponse("deny", classes.ToNames(), null, refusal, policy.Version));
        }
        var decision = rule.Decide(classes);
        var verdict = decision.Verdict.ToVerdict().ToWireName();
        return TypedResults.Ok(new EvaluateResponse(verdict, classes.ToNames(), rule.Name, decision.Reason, policy.Version));
    }
}
