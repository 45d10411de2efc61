using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Warden.Silo.DevIssuer;

internal static class DevIssuerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the development issuer as a singleton (one key per process) at <paramref name="issuerUri"/>,
    /// which must be the REST host's address plus /dev (e.g. http://127.0.0.1:8080/dev). Only in --dev or --demo.
    /// The edge must then trust (Issuer, <see cref="DevTokenIssuer.Audience"/>, <see cref="DevTokenIssuer.GroupsClaim"/>).
    /// </summary>
    public static IServiceCollection AddDevIssuer(this IServiceCollection services, Uri issuerUri)
    {
        // Fail at registration, not at the first request, if the URL is not one MapDevIssuer serves.
        _ = DevTokenIssuer.IssuerFrom(issuerUri);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DevTokenIssuer(issuerUri, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
