using Warden.Silo.DevIssuer;
using Warden.Silo.Hosting;

namespace Warden.Silo.Api;

internal static class WardenApiExtensions
{
    public static WebApplication MapWardenApi(this WebApplication app, SiloMode mode)
    {
        app.MapHealthApi();
        app.MapPolicyApi();
        app.MapSessionsApi();
        if (mode.DevelopmentConveniences)
        {
            app.MapDevIssuer();
        }
        return app;
    }
}
