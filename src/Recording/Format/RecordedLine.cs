namespace Warden.Recording;

/// <summary>
/// One stored line: the chain envelope and the event. The envelope fields make each line checkable on its
/// own (<see cref="Sequence"/>, <see cref="PreviousHash"/>) and let a resumed writer continue the chain and
/// drop producer retries from the last line alone (<see cref="SourceSequence"/>).
/// </summary>
/// <param name="Sequence"><c>seq</c>: 0, 1, 2, ... without gaps.</param>
/// <param name="SourceSequence"><c>src</c>: the highest producer batch number recorded so far in this session,
/// carried forward on every line (0 before the first producer batch).</param>
/// <param name="PreviousHash"><c>prev</c>: lowercase hex SHA-256 of the previous line's exact bytes, or
/// <see cref="RecordingFormat.GenesisHash"/> for sequence 0.</param>
/// <param name="At"><c>at</c>: when the recorder wrote the line (UTC).</param>
public sealed record RecordedLine(
    Guid SessionId,
    long Sequence,
    long SourceSequence,
    string PreviousHash,
    DateTimeOffset At,
    RecordingEvent Event);
