namespace Warden.Sql.Tests.Corpus;

/// <summary>The checked-in corpus data file, tests/Sql.Tests/Corpus/statements.tsv.</summary>
internal static class CorpusFile
{
    public static string OutputPath => Path.Combine(AppContext.BaseDirectory, "Corpus", CorpusGenerator.FileName);

    public static IReadOnlyList<CorpusEntry> Read() =>
        File.ReadAllLines(OutputPath).Where(line => line.Length > 0).Select(CorpusEntry.FromLine).ToArray();

    /// <summary>The file in the source tree, found by walking up from the test binaries to the project.</summary>
    public static string SourcePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sql.Tests.csproj")))
            {
                return Path.Combine(directory.FullName, "Corpus", CorpusGenerator.FileName);
            }
        }
        throw new InvalidOperationException("Sql.Tests.csproj not found above " + AppContext.BaseDirectory);
    }
}
