using Warden.Grains.Objects;

namespace Warden.Silo.Objects;

/// <summary>Registers what object-scoped rules need in a silo: the catalog source the catalog grains load through.</summary>
internal static class ObjectRulesExtensions
{
    public static IServiceCollection AddObjectRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName));
        services.AddSingleton<ICatalogSource, NpgsqlCatalogSource>();
        return services;
    }
}
