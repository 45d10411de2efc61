namespace Warden.Silo.Recording;

/// <summary>
/// Where session recordings go. Section "Warden:Recording"; environment variables
/// Warden__Recording__Store etc. Every silo of a cluster must use the same store: a session's grain can
/// move to another silo and must find the recording there.
/// </summary>
public sealed class RecordingOptions
{
    public const string SectionName = "Warden:Recording";

    /// <summary><c>file</c> (the embedded default, one machine) or <c>blob</c> (Azure Blob append blobs, for clusters).</summary>
    public string Store { get; set; } = "file";

    /// <summary>File store root (DESIGN §6: <c>data/recordings/</c> under the working directory).</summary>
    public string Directory { get; set; } = "data/recordings";

    /// <summary>Blob store: an Azure Storage connection string (or Azurite's development one).</summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>Blob store: a container URI with a SAS or managed identity instead of a connection string.</summary>
    public string? BlobContainerUri { get; set; }

    public string BlobContainer { get; set; } = "recordings";

    /// <summary>Blob store: append blocks per part before rolling to a new blob (Azure's limit is 50,000).</summary>
    public int? BlobMaxBlocksPerPart { get; set; }
}
