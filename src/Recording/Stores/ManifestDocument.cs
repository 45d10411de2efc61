using System.Text.Json;

namespace Warden.Recording;

/// <summary>The stored manifest: the public <see cref="RecordingManifest"/> fields plus what a resuming
/// writer needs to know without reading every part.</summary>
internal sealed record ManifestDocument
{
    public int V { get; init; } = RecordingFormat.Version;

    public required Guid SessionId { get; init; }

    public required string Subject { get; init; }

    public required string Target { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required RecordingStatus Status { get; init; }

    public required IReadOnlyList<string> Parts { get; init; }

    public long Lines { get; init; }

    public string? AnchorHash { get; init; }

    /// <summary>For each closed part (all but the last), how many of its bytes are valid lines; a part that
    /// was closed because its tail was torn (a split append cut off) is read only up to here.</summary>
    public IReadOnlyList<long>? ClosedPartBytes { get; init; }

    /// <summary>Lines in the closed parts, so a resuming writer reads only the last part.</summary>
    public long ClosedPartLines { get; init; }

    public RecordingManifest ToManifest() =>
        new(SessionId, Subject, Target, StartedAt, UpdatedAt, Status, Parts, Lines, AnchorHash);

    public static string PartName(int index) => $"part-{index:D5}.jsonl";

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, RecordingJsonContext.Instance.ManifestDocument);

    /// <exception cref="RecordingFormatException">Not a manifest.</exception>
    public static ManifestDocument FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, RecordingJsonContext.Instance.ManifestDocument)
                ?? throw new RecordingFormatException("the manifest is empty");
        }
        catch (JsonException e)
        {
            throw new RecordingFormatException("the manifest is not valid JSON: " + e.Message, e);
        }
    }

    public static ManifestDocument Create(Guid sessionId, RecordingLabels labels, DateTimeOffset now) => new()
    {
        SessionId = sessionId,
        Subject = labels.Subject,
        Target = labels.Target,
        StartedAt = labels.StartedAt,
        UpdatedAt = now,
        Status = RecordingStatus.Open,
        Parts = [PartName(0)],
    };
}
