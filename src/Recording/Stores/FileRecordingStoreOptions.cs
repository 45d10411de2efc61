namespace Warden.Recording;

/// <summary>Settings of the file store (the <c>--dev</c>/<c>--demo</c> and embedded default).</summary>
public sealed class FileRecordingStoreOptions
{
    /// <summary>A part that reached this size is closed and the next append starts a new part, so a long
    /// session never becomes one huge file. Default 64 MiB.</summary>
    public long MaxPartBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Clock for manifest timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
