using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Warden.Edge.Authentication;
using Warden.Grains.Interfaces.Policy;

namespace Warden.Edge.Tests.Infrastructure;

/// <summary>A TokenValidator built through the edge's own DI registration, trusting a fixed list of issuers.</summary>
internal sealed class ValidatorHarness : IDisposable
{
    private readonly ServiceProvider _provider;

    private ValidatorHarness(ServiceProvider provider)
    {
        _provider = provider;
        Validator = provider.GetRequiredService<TokenValidator>();
    }

    public TokenValidator Validator { get; }

    /// <summary>Forced refreshes allowed every second (the library minimum) unless a test says otherwise.</summary>
    public static ValidatorHarness Create(
        IReadOnlyList<IdentityIssuer> issuers, TimeSpan? clockSkew = null, TimeSpan? refreshInterval = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{TokenValidationOptions.SectionName}:MetadataRefreshInterval"] = (refreshInterval ?? TimeSpan.FromSeconds(1)).ToString(),
        };
        if (clockSkew is not null)
            settings[$"{TokenValidationOptions.SectionName}:ClockSkew"] = clockSkew.Value.ToString();

        return new ValidatorHarness(BuildProvider(issuers, settings));
    }

    public static ServiceProvider BuildProvider(IReadOnlyList<IdentityIssuer> issuers, Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton(configuration)
            .AddLogging()
            .AddSingleton<IIssuerSource>(new StaticIssuerSource(issuers))
            .AddTokenValidation()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public Task<TokenValidationOutcome> ValidateAsync(string token) => Validator.ValidateAsync(token, CancellationToken.None);

    public void Dispose() => _provider.Dispose();

    private sealed class StaticIssuerSource(IReadOnlyList<IdentityIssuer> issuers) : IIssuerSource
    {
        public ValueTask<IReadOnlyList<IdentityIssuer>> GetIssuersAsync(CancellationToken cancellationToken) => new(issuers);
    }
}
