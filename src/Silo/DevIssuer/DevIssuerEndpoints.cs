using Microsoft.AspNetCore.Http.HttpResults;

namespace Warden.Silo.DevIssuer;

internal static class DevIssuerEndpoints
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(900);
    private const int MaxSubjectLength = 256;

    /// <summary>
    /// Maps GET /dev/.well-known/openid-configuration, GET /dev/jwks and POST /dev/token. Call only in --dev or
    /// --demo, together with <see cref="DevIssuerServiceCollectionExtensions.AddDevIssuer"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapDevIssuer(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder group = app.MapGroup(DevTokenIssuer.PathPrefix).WithTags("DevIssuer");
        group.MapGet("/.well-known/openid-configuration", (DevTokenIssuer issuer) => TypedResults.Ok(issuer.GetDiscoveryDocument()));
        group.MapGet("/jwks", (DevTokenIssuer issuer) => TypedResults.Ok(issuer.GetKeySet()));
        group.MapPost("/token", MintToken);
        return app;
    }

    /// <summary>
    /// POST /dev/token. Anyone who can call it can become any identity, so only callers on this machine may,
    /// even if the REST host is bound to other interfaces.
    /// </summary>
    internal static Results<Ok<DevTokenResponse>, ValidationProblem, ProblemHttpResult> MintToken(
        DevTokenRequest request, DevTokenIssuer issuer, HttpContext context)
    {
        if (!IsLoopbackCaller(context))
        {
            return TypedResults.Problem(
                detail: "Development tokens are issued only to callers on this machine.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden");
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Sub))
            errors["sub"] = ["sub is required."];
        else if (request.Sub.Length > MaxSubjectLength)
            errors["sub"] = [$"sub is longer than {MaxSubjectLength} characters."];

        if (request.Groups is not null && request.Groups.Any(string.IsNullOrWhiteSpace))
            errors["groups"] = ["groups must be non-empty strings."];

        if (request.TtlSeconds is <= 0)
            errors["ttlSeconds"] = ["ttlSeconds must be positive."];

        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Invalid token request");

        TimeSpan lifetime = request.TtlSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : DefaultLifetime;
        IReadOnlyList<string> groups = request.Groups is null ? [] : [.. request.Groups.OfType<string>()];
        // Mint caps the lifetime at DevTokenIssuer.MaxLifetime.
        return TypedResults.Ok(new DevTokenResponse(issuer.Mint(request.Sub!, groups, lifetime)));
    }

    private static bool IsLoopbackCaller(HttpContext context)
    {
        System.Net.IPAddress? remote = context.Connection.RemoteIpAddress;
        if (remote is null)
            return false;
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        return System.Net.IPAddress.IsLoopback(remote);
    }
}
