using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Warden.Edge.Authentication;
using Warden.Edge.Tests.Infrastructure;

namespace Warden.Edge.Tests.Authentication;

public sealed class TokenValidationOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new TokenValidationOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), options.ClockSkew);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MetadataRefreshInterval);
        Assert.Equal(TimeSpan.FromHours(1), options.AutomaticRefreshInterval);
    }

    [Fact]
    public void AddTokenValidation_ConfigurationSection_BindsOptions()
    {
        using ServiceProvider provider = ValidatorHarness.BuildProvider([], new()
        {
            ["Warden:Authentication:ClockSkew"] = "00:00:05",
            ["Warden:Authentication:MetadataRefreshInterval"] = "00:00:02",
            ["Warden:Authentication:AutomaticRefreshInterval"] = "00:10:00",
        });

        TokenValidationOptions options = provider.GetRequiredService<IOptions<TokenValidationOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(5), options.ClockSkew);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MetadataRefreshInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), options.AutomaticRefreshInterval);
        Assert.Same(provider.GetRequiredService<TokenValidator>(), provider.GetRequiredService<TokenValidator>());
    }

    [Theory]
    [InlineData("ClockSkew", "01:00:00")]
    [InlineData("MetadataRefreshInterval", "00:00:00")]
    [InlineData("AutomaticRefreshInterval", "00:01:00")]
    public void AddTokenValidation_OutOfRangeSetting_FailsValidation(string setting, string value)
    {
        using ServiceProvider provider = ValidatorHarness.BuildProvider([], new() { [$"Warden:Authentication:{setting}"] = value });

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<TokenValidationOptions>>().Value);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
