using Warden.Sql.Tests.Classification;
using static Warden.Sql.Tests.Classification.ClassesText;

namespace Warden.Sql.Tests.Relations;

/// <summary>Writes relation accesses as "schema.name:class+class ..." to keep test tables readable.</summary>
internal static class RelationsText
{
    public static string Format(IReadOnlyList<RelationAccess> relations) =>
        string.Join(" ", relations.Select(r => $"{r.Relation}:{string.Join('+', r.Classes.ToNames())}"));

    public static SqlStatement Single(string sql)
    {
        var analysis = SqlAnalyzer.Analyze(sql);
        Assert.Single(analysis.Statements);
        return analysis.Statements[0];
    }

    /// <summary>
    /// Asserts the relation list, and optionally the unattributed classes ("" for none) and completeness;
    /// always asserts the contract's invariants.
    /// </summary>
    public static void AssertRelations(string expected, string sql, string? unattributed = null, bool complete = true)
    {
        var statement = Single(sql);
        Assert.True(expected == Format(statement.Relations),
            $"<{sql}>: expected [{expected}], got [{Format(statement.Relations)}]");
        if (unattributed is not null)
        {
            Assert.True(Parse(unattributed) == statement.UnattributedClasses,
                $"<{sql}>: expected unattributed [{unattributed}], got [{ClassesText.Format(statement.UnattributedClasses)}]");
        }
        Assert.True(complete == statement.RelationsComplete, $"<{sql}>: expected RelationsComplete {complete}");
        AssertInvariants(statement);
    }

    /// <summary>Classes == Unattributed | union(relation classes), Unattributed ⊆ Classes, one entry per name.</summary>
    public static void AssertInvariants(SqlStatement statement)
    {
        var union = statement.Relations.Aggregate(StatementClasses.None, (c, r) => c | r.Classes);
        Assert.True(statement.Classes == (statement.UnattributedClasses | union),
            $"<{statement.Text}>: classes [{ClassesText.Format(statement.Classes)}] != unattributed [{ClassesText.Format(statement.UnattributedClasses)}] | relations [{ClassesText.Format(union)}]");
        Assert.Equal(statement.UnattributedClasses, statement.UnattributedClasses & statement.Classes);
        Assert.Equal(statement.Relations.Count, statement.Relations.Select(r => r.Relation).Distinct().Count());
        Assert.All(statement.Relations, r => Assert.NotEqual(StatementClasses.None, r.Classes));
    }
}
