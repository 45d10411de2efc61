using Warden.Grains.Interfaces.Policy;

namespace Warden.Silo.Api;

/// <summary>GET /healthz: the silo is up and its cluster answers.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (IGrainFactory grains) =>
        {
            var version = await grains.Policy().GetVersionAsync();
            return TypedResults.Ok(new HealthStatus("ok", version));
        });
        return app;
    }

    internal sealed record HealthStatus(string Status, long PolicyVersion);
}
