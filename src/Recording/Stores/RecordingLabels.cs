namespace Warden.Recording;

/// <summary>What a manifest says about a recording without anyone reading it: enough to list and find
/// sessions by who, where and when.</summary>
public sealed record RecordingLabels(string Subject, string Target, DateTimeOffset StartedAt);
