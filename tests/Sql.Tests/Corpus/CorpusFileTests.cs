namespace Warden.Sql.Tests.Corpus;

public sealed class CorpusFileTests
{
    /// <summary>Set to regenerate statements.tsv from <see cref="CorpusGenerator"/> instead of comparing.</summary>
    private const string WriteVariable = "WARDEN_WRITE_CORPUS";

    [Fact]
    public void Generate_Corpus_MatchesCheckedInFile()
    {
        var generated = CorpusGenerator.Generate().Select(e => e.ToLine()).ToArray();
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllLines(CorpusFile.SourcePath(), generated);
            return;
        }
        var checkedIn = File.ReadAllLines(CorpusFile.OutputPath);
        Assert.True(generated.SequenceEqual(checkedIn),
            $"Corpus/{CorpusGenerator.FileName} is stale: run `{WriteVariable}=1 dotnet test tests/Sql.Tests --filter CorpusFileTests` and commit it.");
    }

    [Fact]
    public void Read_CorpusFile_HasAtLeast2000StatementsUnderOneMegabyte()
    {
        Assert.True(CorpusFile.Read().Count >= 2000);
        Assert.True(new FileInfo(CorpusFile.OutputPath).Length < 1024 * 1024);
    }

    [Fact]
    public void FromLine_EscapedLine_RoundTrips()
    {
        var entry = new CorpusEntry(CorpusMode.CopyIn, "SELECT 'a\\b'\n\t'c'\r");
        Assert.Equal(entry, CorpusEntry.FromLine(entry.ToLine()));
    }

    [Fact]
    public void Analyze_EveryCorpusEntry_ClassifiesWithoutThrowing()
    {
        Assert.All(CorpusFile.Read(), entry => Assert.NotEqual(StatementClasses.None, SqlAnalyzer.Classify(entry.Sql)));
    }
}
