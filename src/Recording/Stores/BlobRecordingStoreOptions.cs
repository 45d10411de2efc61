namespace Warden.Recording;

/// <summary>Settings of the Azure Blob store. The limits stay below Azure's append-blob limits
/// (50,000 blocks, about 195 GiB, 4 MiB per block under older service versions) so a part is rolled
/// before the service would refuse an append.</summary>
public sealed class BlobRecordingStoreOptions
{
    /// <summary>Blocks per part before rolling to the next part (service limit 50,000).</summary>
    public int MaxBlocksPerPart { get; set; } = 49_000;

    /// <summary>Bytes per part before rolling (service limit about 195 GiB).</summary>
    public long MaxBytesPerPart { get; set; } = 190L * 1024 * 1024 * 1024;

    /// <summary>Appends larger than this are split into several blocks, at line ends where possible.</summary>
    public int MaxBlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Each storage operation (append, manifest write, property read) must finish within this, or it
    /// fails with <see cref="RecordingStoreUnavailableException"/>: the caller decides about retries.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Clock for manifest timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
