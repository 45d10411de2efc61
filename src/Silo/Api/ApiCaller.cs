using System.Net;
using Warden.Edge.Authentication;
using Warden.Silo.Hosting;

namespace Warden.Silo.Api;

/// <summary>Who is calling the REST API: a validated bearer token's identity, or a loopback developer in --dev.</summary>
internal sealed record ApiCaller(string Subject, IReadOnlyList<string> Groups, bool LoopbackDeveloper);

/// <summary>
/// Bearer OIDC tokens for the REST API, validated exactly like connection tokens. In --dev/--demo a
/// loopback request without a token is let in as a developer (DESIGN §6); anything else without a valid
/// token gets 401 with a problem body.
/// </summary>
internal static class ApiAuthentication
{
    private const string CallerKey = "warden.caller";

    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (caller, failure) = await AuthenticateAsync(http);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return TypedResults.Problem(failure, statusCode: StatusCodes.Status401Unauthorized, title: "authentication required");
            }
            http.Items[CallerKey] = caller;
            return await next(context);
        });
        return group;
    }

    public static ApiCaller Caller(this HttpContext http) => (ApiCaller)http.Items[CallerKey]!;

    private static async Task<(ApiCaller? Caller, string Failure)> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            var mode = http.RequestServices.GetRequiredService<SiloMode>();
            var remote = http.Connection.RemoteIpAddress;
            return mode.DevelopmentConveniences && remote is not null && IPAddress.IsLoopback(remote)
                ? (new ApiCaller("developer", [], LoopbackDeveloper: true), "")
                : (null, "send an OIDC token as 'Authorization: Bearer <token>'");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "only Bearer tokens are accepted");
        }
        var validator = http.RequestServices.GetRequiredService<TokenValidator>();
        var outcome = await validator.ValidateAsync(header["Bearer ".Length..].Trim(), http.RequestAborted);
        return outcome.Succeeded
            ? (new ApiCaller(outcome.Identity.Subject, outcome.Identity.Groups, LoopbackDeveloper: false), "")
            : (null, outcome.Failure.ClientMessage);
    }
}
