using Microsoft.Extensions.Options;
using Warden.Grains.Masking;

namespace Warden.Silo.Masking;

/// <summary>Registers the key of the <c>hash</c> masking method, checked at start.</summary>
internal static class MaskingExtensions
{
    public static IServiceCollection AddMasking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MaskingOptions>()
            .Bind(configuration.GetSection(MaskingOptions.SectionName))
            .Validate(IsValid, $"{MaskingOptions.SectionName}:{nameof(MaskingOptions.HashKey)} must be base64 of at least {MaskingKey.MinimumBytes} bytes")
            .ValidateOnStart();
        services.AddSingleton(sp => MaskingKey.From(sp.GetRequiredService<IOptions<MaskingOptions>>().Value));
        services.AddHostedService<MaskingKeyCheck>();
        return services;
    }

    private static bool IsValid(MaskingOptions options)
    {
        try
        {
            MaskingKey.From(options);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>Says at start when the hash key is random, since hashes then differ between silos and restarts.</summary>
internal sealed partial class MaskingKeyCheck(MaskingKey key, ILogger<MaskingKeyCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (key.Generated)
        {
            Log.GeneratedKey(logger, MaskingOptions.SectionName + ":" + nameof(MaskingOptions.HashKey));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(3300, LogLevel.Warning, "No {Setting} configured: masked values use a random hash key, so the same value hashes differently on other silos and after a restart")]
        public static partial void GeneratedKey(ILogger logger, string setting);
    }
}
