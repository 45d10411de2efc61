using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Warden.Edge.Authentication;

internal static class TokenValidationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TokenValidator"/> (singleton: it owns the per-issuer metadata caches) with options
    /// bound from <see cref="TokenValidationOptions.SectionName"/> and validated at start. The caller registers
    /// an <see cref="IIssuerSource"/>.
    /// </summary>
    public static IServiceCollection AddTokenValidation(this IServiceCollection services)
    {
        services.AddOptions<TokenValidationOptions>()
            .BindConfiguration(TokenValidationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenValidationOptions>, TokenValidationOptionsValidator>());

        services.AddHttpClient(MetadataDocumentRetriever.HttpClientName, client =>
        {
            // Discovery and JWKS documents are small; a slow or huge answer must not hold connections open.
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });
        services.TryAddSingleton<TokenValidator>();
        return services;
    }
}
