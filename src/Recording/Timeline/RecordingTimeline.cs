using System.Globalization;

namespace Warden.Recording;

/// <summary>
/// A readable account of a recording for people: time offsets, sequence numbers, verdicts and classes,
/// statement text, durations and results, masked sample rows, errors, approvals, close and seal.
/// </summary>
/// <remarks>
/// Recorded text comes from clients and servers, so it is printed through <see cref="TextSanitizer"/>:
/// control and formatting characters (terminal escapes, bidi overrides) are replaced, never written raw.
/// </remarks>
public static class RecordingTimeline
{
    /// <summary>Statement text beyond this many characters is cut (the full text is in the recording).</summary>
    public const int StatementChars = 200;

    private const string Indent = "                       ";

    /// <summary>Writes the timeline of <paramref name="lines"/> (already parsed) to <paramref name="output"/>.</summary>
    public static void Write(IEnumerable<RecordedLine> lines, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new TimelineWriter(output);
        foreach (var line in lines)
        {
            writer.Write(line);
        }
    }

    /// <summary>Writes the timeline of stored lines; a line that does not parse is shown as such, in place.</summary>
    public static void Write(IEnumerable<string> lines, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new TimelineWriter(output);
        var number = 0L;
        foreach (var text in lines)
        {
            number++;
            RecordedLine line;
            try
            {
                line = RecordingFormat.Parse(text);
            }
            catch (RecordingFormatException e)
            {
                output.WriteLine($"{"",10}  line {number}: unreadable ({TextSanitizer.Clean(e.Message, 200)})");
                continue;
            }

            writer.Write(line);
        }
    }

    /// <summary>Writes each event as a JSON object on its own line (the stored lines, unchanged).</summary>
    public static async Task WriteJsonAsync(IAsyncEnumerable<string> lines, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(output);
        await foreach (var line in lines.WithCancellation(ct).ConfigureAwait(false))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private sealed class TimelineWriter(TextWriter output)
    {
        private DateTimeOffset? _start;

        public void Write(RecordedLine line)
        {
            _start ??= line.At;
            var prefix = $"{Offset(line.At - _start.Value),10}  #{line.Sequence,-4} ";
            switch (line.Event)
            {
                case SessionOpened opened:
                    WriteOpened(prefix, opened);
                    break;
                case StatementRecorded statement:
                    output.WriteLine(prefix + $"{statement.Verdict?.ToUpperInvariant(),-8} {Clean(string.Join(',', statement.Classes ?? []), 24),-24} "
                        + TextSanitizer.Statement(statement.Sql, StatementChars));
                    WriteStatementDetails(statement);
                    break;
                case ResultRecorded result:
                    WriteResult(prefix, result);
                    break;
                case ErrorRecorded error:
                    output.WriteLine(prefix + $"{"",8} !! {Clean(error.Severity, 10)} {Clean(error.SqlState, 5)}: {Clean(error.Message, 300)}");
                    break;
                case ApprovalRequested requested:
                    output.WriteLine(prefix + $"{"",8} approval {Clean(requested.ApprovalId, 64)} requested ({Clean(requested.Mode, 10)}) for "
                        + Clean(string.Join(',', requested.Classes ?? []), 60) + ": " + TextSanitizer.Statement(requested.Sql, StatementChars));
                    break;
                case ApprovalDecided decided:
                    output.WriteLine(prefix + $"{"",8} approval {Clean(decided.ApprovalId, 64)} {Clean(decided.Decision, 20)}"
                        + (decided.Approver is null ? "" : " by " + Clean(decided.Approver, 100)));
                    break;
                case SessionClosed closed:
                    output.WriteLine(prefix + "closed: " + Clean(closed.Reason, 200));
                    break;
                case RecordingSealed seal:
                    output.WriteLine(prefix + (seal.Interrupted ? "sealed as INTERRUPTED by the cluster: " : "sealed: ")
                        + Clean(seal.Reason, 200) + $" ({seal.Events} events before the seal, final hash {Short(seal.FinalHash)})");
                    break;
                default:
                    output.WriteLine(prefix + line.Event.GetType().Name);
                    break;
            }
        }

        private void WriteOpened(string prefix, SessionOpened opened)
        {
            output.WriteLine(prefix + $"opened: {Clean(opened.Subject, 100)} ({Clean(opened.Issuer, 100)}) -> {Clean(opened.Target, 64)} as {Clean(opened.Role, 64)}, rule {Clean(opened.Rule, 64)}");
            output.WriteLine(Indent + $"groups [{Clean(string.Join(", ", opened.Groups ?? []), 200)}], from {Clean(opened.ClientAddress, 64)} via edge {Clean(opened.Edge, 64)}, "
                + $"user \"{Clean(opened.ClaimedUser, 64)}\"" + (opened.ApplicationName is null ? "" : $", application \"{Clean(opened.ApplicationName, 64)}\""));
            output.WriteLine(Indent + $"policy v{opened.PolicyVersion}, durability {Clean(opened.Durability, 16)}, token expires {Time(opened.TokenExpiresAt)}"
                + (opened.TokenId is null ? "" : $" (jti {Clean(opened.TokenId, 64)})"));
        }

        private void WriteStatementDetails(StatementRecorded statement)
        {
            var details = new List<string>();
            if (statement.Protocol is not null and not "simple")
            {
                details.Add(Clean(statement.Protocol, 10));
            }

            if (statement.ParameterTypes is { Count: > 0 } types)
            {
                details.Add("parameter types " + string.Join(',', types));
            }

            if (statement.Verdict is not "allow" || statement.Reason is not null)
            {
                details.Add("rule " + Clean(statement.Rule, 64) + (statement.Reason is null ? "" : ": " + Clean(statement.Reason, 200)));
            }

            if (statement.Cached)
            {
                details.Add("cached verdict");
            }

            if (details.Count > 0)
            {
                output.WriteLine(Indent + "(" + string.Join("; ", details) + ")");
            }
        }

        private void WriteResult(string prefix, ResultRecorded result)
        {
            var rows = result.Rows is { } count ? $", {count} row{(count == 1 ? "" : "s")}" : "";
            output.WriteLine(prefix + $"{"",8} -> {Clean(result.CommandTag ?? "(no tag)", 64)}{rows} in {result.ElapsedMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms");
            if (result.SampleRows is { Count: > 0 } sample)
            {
                SampleTable.Write(output, Indent + "   ", result.Columns, sample);
            }
        }

        private static string Clean(string? text, int max) => TextSanitizer.Clean(text, max);

        private static string Short(string hash) => hash.Length > 16 ? hash[..16] + "…" : hash;

        private static string Time(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static string Offset(TimeSpan offset) =>
            (offset < TimeSpan.Zero ? "-" : "+") + Math.Abs(offset.TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture) + "s";
    }
}
