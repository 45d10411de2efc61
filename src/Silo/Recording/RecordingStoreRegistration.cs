using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Warden.Recording;

namespace Warden.Silo.Recording;

/// <summary>Registers the session recording store chosen by <see cref="RecordingOptions"/>.</summary>
internal static class RecordingStoreRegistration
{
    public static IServiceCollection AddRecordingStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RecordingOptions.SectionName).Get<RecordingOptions>() ?? new RecordingOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IRecordingStore>(sp => Create(options, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static IRecordingStore Create(RecordingOptions options, TimeProvider time) => options.Store.ToLowerInvariant() switch
    {
        "file" => new FileRecordingStore(Path.GetFullPath(options.Directory), new FileRecordingStoreOptions { TimeProvider = time }),
        "blob" => new BlobRecordingStore(Container(options), BlobOptions(options, time)),
        _ => throw new InvalidOperationException($"{RecordingOptions.SectionName}:Store must be 'file' or 'blob', not '{options.Store}'"),
    };

    private static BlobRecordingStoreOptions BlobOptions(RecordingOptions options, TimeProvider time)
    {
        var blob = new BlobRecordingStoreOptions { TimeProvider = time };
        if (options.BlobMaxBlocksPerPart is { } blocks)
        {
            blob.MaxBlocksPerPart = blocks;
        }
        return blob;
    }

    private static BlobContainerClient Container(RecordingOptions options)
    {
        // Fail fast: a strict session waits on every append and the grain retries on its own schedule;
        // the SDK default (100 s network timeout) would hang statements instead of failing closed.
        var client = BlobRecordingStore.CreateClientOptions(new BlobRecordingStoreOptions().OperationTimeout);
        if (!string.IsNullOrEmpty(options.BlobConnectionString))
        {
            return new BlobContainerClient(options.BlobConnectionString, options.BlobContainer, client);
        }
        if (!string.IsNullOrEmpty(options.BlobContainerUri))
        {
            return new BlobContainerClient(new Uri(options.BlobContainerUri), client);
        }
        throw new InvalidOperationException(
            $"{RecordingOptions.SectionName}:Store is 'blob' but neither BlobConnectionString nor BlobContainerUri is set");
    }
}
