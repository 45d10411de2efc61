using Warden.Grains.Interfaces.Recording;
using Warden.Recording;
using Warden.Sql;

namespace Warden.Grains.Recording;

/// <summary>
/// The grain contract's edge events as recording events (the recording library knows no Orleans). Statement text
/// passes <see cref="SecretLiterals"/> here, the one door into a recording, so no password written into SQL is kept.
/// </summary>
internal static class RecordingEvents
{
    public static RecordingEvent ToRecordingEvent(this SessionEvent sessionEvent) => sessionEvent switch
    {
        StatementEvent s => new StatementRecorded(
            s.Protocol, SecretLiterals.Redact(s.Sql), s.ParameterTypes, s.Verdict, s.Rule, s.Classes, s.Reason, s.Cached, s.PolicyVersion, s.At),
        ResultEvent r => new ResultRecorded(r.CommandTag, r.Rows, r.ElapsedMilliseconds, r.Columns, r.SampleRows),
        ErrorEvent e => new ErrorRecorded(e.Severity, e.SqlState, e.Message),
        _ => throw new ArgumentException($"unknown session event {sessionEvent.GetType().Name}", nameof(sessionEvent)),
    };
}
