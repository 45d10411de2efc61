namespace Warden.Sql.Tests.Classification;

/// <summary>Writes expected classes as contract names ("read write") to keep test tables readable.</summary>
internal static class ClassesText
{
    public static StatementClasses Parse(string names)
    {
        var classes = StatementClasses.None;
        foreach (var name in names.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(StatementClassNames.TryParse(name, out var c), $"unknown class name {name}");
            classes |= c;
        }
        return classes;
    }

    public static string Format(StatementClasses classes) => string.Join(' ', classes.ToNames());

    public static void AssertClasses(string expected, string sql, SqlAnalyzerOptions? options = null)
    {
        var analysis = SqlAnalyzer.Analyze(sql, options ?? SqlAnalyzerOptions.Default);
        Assert.True(
            Parse(expected) == analysis.Classes,
            $"<{sql}>: expected [{Format(Parse(expected))}], got [{Format(analysis.Classes)}] "
            + $"({string.Join("; ", analysis.Statements.Select(s => s.UnknownReason))})");
    }
}
