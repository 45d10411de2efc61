using Warden.Tests.Shared;
using Azure.Storage.Blobs;

namespace Warden.Recording.Tests.Fixtures;

/// <summary>One Azurite for the blob-store tests; each test uses its own container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite is not started");

    public BlobRecordingStore Store(BlobRecordingStoreOptions? options = null) =>
        BlobRecordingStore.Create(Server.ConnectionString, NewContainerName(), options);

    public BlobContainerClient Container(string name) => new(Server.ConnectionString, name);

    public static string NewContainerName() => "rec-" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync() => _server = await AzuriteServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
