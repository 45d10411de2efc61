using System.Text;
using Xunit.Abstractions;

namespace Warden.Sql.Tests.Corpus;

/// <summary>
/// Checks the classifier against real PostgreSQL on the corpus: a statement that fails inside
/// BEGIN READ ONLY with SQLSTATE 25006 writes, and must never be classified as read-only-safe.
/// </summary>
public sealed class CorpusAgreementTests(ITestOutputHelper output)
{
    /// <summary>Classes a read-only access rule would not allow without saying so.</summary>
    private const StatementClasses NotReadOnlySafe = StatementClasses.Write | StatementClasses.Ddl | StatementClasses.Dcl
        | StatementClasses.Admin | StatementClasses.Destructive | StatementClasses.Unknown;

    private static readonly HashSet<string> WritingStatementTypes = ["Insert", "Update", "Delete", "Merge", "CreateTableAs"];

    [PostgresFact]
    public async Task Corpus_StatementsPostgresSaysWrite_AreNeverClassifiedReadOnlySafe()
    {
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        var entries = CorpusFile.Read();
        var results = new List<(CorpusEntry Entry, CorpusOutcome Outcome, SqlAnalysis Analysis)>(entries.Count);
        await using (var fixture = await CorpusFixture.CreateAsync(connectionString))
        await using (var runner = new CorpusRunner(fixture.ConnectionString))
        {
            foreach (var entry in entries)
            {
                results.Add((entry, await runner.RunAsync(entry), SqlAnalyzer.Analyze(entry.Sql)));
            }
        }
        // The analyzer does not look into user-defined functions; it reports them. Only the fixture's own
        // (schema app) count as reported here, so a built-in missing from the side-effect list still fails.
        var report = new CorpusReport(results.Select(r => new CorpusReport.Row(r.Entry, r.Outcome, r.Analysis.Classes,
            r.Analysis.Statements.Any(s => s.CalledFunctions.Any(f => f.StartsWith("app.", StringComparison.Ordinal))))).ToArray());
        output.WriteLine(report.Summary());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "corpus-results.tsv"), report.Details());

        var missed = report.Rows.Where(r => (r.Outcome.Writes || WritingStatementTypes.Contains(r.Outcome.StatementType ?? ""))
            && (r.Classes & NotReadOnlySafe) == 0 && !r.CallsUnlistedFunctions).ToArray();
        Assert.True(missed.Length == 0, "PostgreSQL says these write, the classifier says read-only-safe:\n"
            + string.Join('\n', missed.Select(r => $"  [{string.Join(' ', r.Classes.ToNames())}] {r.Entry.Sql}")));
        Assert.True(report.Conclusive.Length >= 2000, $"only {report.Conclusive.Length} statements ran conclusively; the fixture and corpus have drifted apart.");
    }
}

/// <summary>Agreement figures of a corpus run, and the details behind them.</summary>
internal sealed class CorpusReport(CorpusReport.Row[] rows)
{
    internal sealed record Row(CorpusEntry Entry, CorpusOutcome Outcome, StatementClasses Classes, bool CallsUnlistedFunctions)
    {
        public bool ClassifiedWriting => (Classes & (StatementClasses.Write | StatementClasses.Ddl | StatementClasses.Dcl
            | StatementClasses.Admin | StatementClasses.Destructive | StatementClasses.Unknown)) != 0;
    }

    public Row[] Rows { get; } = rows;

    public Row[] Conclusive => Rows.Where(r => r.Outcome.Conclusive).ToArray();

    public string Summary()
    {
        var conclusive = Conclusive;
        var agree = conclusive.Count(r => r.Outcome.Writes == r.ClassifiedWriting);
        var text = new StringBuilder();
        text.AppendLine($"Corpus: {Rows.Length} entries, {conclusive.Length} conclusive (succeeded read-only or failed with 25006).");
        text.AppendLine($"Agreement with PostgreSQL on writes vs read-only-safe: {agree}/{conclusive.Length} = {100.0 * agree / Math.Max(1, conclusive.Length):F1}%");
        text.AppendLine($"  PostgreSQL writes, classified writing: {conclusive.Count(r => r.Outcome.Writes && r.ClassifiedWriting)}");
        text.AppendLine($"  PostgreSQL writes, read-only-safe but reported as calling a user function: {conclusive.Count(r => r.Outcome.Writes && !r.ClassifiedWriting && r.CallsUnlistedFunctions)}");
        text.AppendLine($"  PostgreSQL writes, classified read-only-safe: {conclusive.Count(r => r.Outcome.Writes && !r.ClassifiedWriting && !r.CallsUnlistedFunctions)}");
        text.AppendLine($"  PostgreSQL reads, classified read-only-safe: {conclusive.Count(r => !r.Outcome.Writes && !r.ClassifiedWriting)}");
        text.AppendLine($"  PostgreSQL reads, classified writing (stricter by design): {conclusive.Count(r => !r.Outcome.Writes && r.ClassifiedWriting)}");
        foreach (var group in conclusive.Where(r => !r.Outcome.Writes && r.ClassifiedWriting)
            .GroupBy(r => string.Join(' ', r.Classes.ToNames())).OrderByDescending(g => g.Count()))
        {
            text.AppendLine($"    [{group.Key}] x{group.Count()}, e.g. {group.First().Entry.Sql.ReplaceLineEndings(" ")}");
        }
        text.AppendLine($"Inconclusive (other errors): {Rows.Length - conclusive.Length}");
        foreach (var group in Rows.Where(r => !r.Outcome.Conclusive).GroupBy(r => r.Outcome.ReadOnlyState).OrderByDescending(g => g.Count()))
        {
            text.AppendLine($"    {group.Key} x{group.Count()}, e.g. {group.First().Entry.Sql.ReplaceLineEndings(" ")}");
        }
        text.AppendLine("Command tags (Npgsql StatementType, read-write run): " + string.Join(", ",
            Rows.GroupBy(r => r.Outcome.StatementType ?? "-").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        return text.ToString();
    }

    public string Details() => string.Join('\n', Rows.Select(r =>
        $"{r.Outcome.ReadOnlyState ?? "ok"}\t{r.Outcome.ReadWriteState ?? "ok"}\t{r.Outcome.StatementType}\t{string.Join(' ', r.Classes.ToNames())}\t{r.Entry.ToLine()}"));
}
