namespace Warden.Grains.Interfaces.Recording;

/// <summary>
/// Something an edge saw in a session, sent to the session grain for the recording. Edge-side events
/// carry their own time; the session grain adds sequence numbers and the hash chain.
/// </summary>
/// <param name="EdgeSequence">
/// Per-session number the edge gives each event, from 1 without gaps. A batch sent again after a lost
/// reply is recognised by it and never recorded twice.
/// </param>
[GenerateSerializer, Immutable, Alias("Warden.SessionEvent")]
public abstract record SessionEvent([property: Id(0)] long EdgeSequence, [property: Id(1)] DateTimeOffset At);

/// <summary>A statement as the client sent it, with the verdict it got (allowed, refused or held).</summary>
/// <param name="Protocol">simple (Query), extended (Parse) or function (FunctionCall).</param>
/// <param name="ParameterTypes">Parameter type OIDs the client declared in Parse; null for simple queries.</param>
[GenerateSerializer, Immutable, Alias("Warden.StatementEvent")]
public sealed record StatementEvent(
    long EdgeSequence,
    DateTimeOffset At,
    [property: Id(0)] string Protocol,
    [property: Id(1)] string Sql,
    [property: Id(2)] IReadOnlyList<uint>? ParameterTypes,
    [property: Id(3)] string Verdict,
    [property: Id(4)] string Rule,
    [property: Id(5)] IReadOnlyList<string> Classes,
    [property: Id(6)] string? Reason,
    [property: Id(7)] bool Cached,
    [property: Id(8)] long PolicyVersion) : SessionEvent(EdgeSequence, At);

/// <summary>How a statement ended on the server: its command tag and row count, and how long it took.</summary>
/// <param name="Columns">With <c>recording.results: masked</c>: the column names of <paramref name="SampleRows"/>; else null.</param>
/// <param name="SampleRows">The result's first rows as text, masked at the edge (null for SQL NULL); null when none were kept.</param>
[GenerateSerializer, Immutable, Alias("Warden.ResultEvent")]
public sealed record ResultEvent(
    long EdgeSequence,
    DateTimeOffset At,
    [property: Id(0)] string? CommandTag,
    [property: Id(1)] long? Rows,
    [property: Id(2)] double ElapsedMilliseconds,
    [property: Id(3)] IReadOnlyList<string>? Columns = null,
    [property: Id(4)] IReadOnlyList<IReadOnlyList<string?>>? SampleRows = null) : SessionEvent(EdgeSequence, At);

/// <summary>
/// An error the client received. <paramref name="Message"/> is kept only for errors Warden itself produced
/// (refusals); a server's message can quote data values, so only its severity and SQLSTATE are recorded.
/// </summary>
[GenerateSerializer, Immutable, Alias("Warden.ErrorEvent")]
public sealed record ErrorEvent(
    long EdgeSequence,
    DateTimeOffset At,
    [property: Id(0)] string Severity,
    [property: Id(1)] string SqlState,
    [property: Id(2)] string? Message) : SessionEvent(EdgeSequence, At);
