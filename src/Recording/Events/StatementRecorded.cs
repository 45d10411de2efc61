namespace Warden.Recording;

/// <summary>A statement the client sent and the verdict it got, whether or not it was forwarded.</summary>
/// <param name="Protocol"><c>simple</c>, <c>extended</c> or <c>function</c> (a FunctionCall message).</param>
/// <param name="ParameterTypes">Bind parameter type OIDs of an extended-protocol statement; values are never recorded.</param>
/// <param name="Verdict"><c>allow</c>, <c>deny</c> or <c>approve</c>.</param>
/// <param name="Cached">Whether the edge's verdict cache answered (the grain did not judge it again).</param>
public sealed record StatementRecorded(
    string Protocol,
    string Sql,
    IReadOnlyList<uint>? ParameterTypes,
    string Verdict,
    string Rule,
    IReadOnlyList<string> Classes,
    string? Reason,
    bool Cached,
    long PolicyVersion,
    DateTimeOffset ReceivedAt) : RecordingEvent;
