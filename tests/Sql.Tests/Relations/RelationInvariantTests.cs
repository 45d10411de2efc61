using System.Text;
using Warden.Sql.Tests.Corpus;
using static Warden.Sql.Tests.Relations.RelationsText;

namespace Warden.Sql.Tests.Relations;

/// <summary>Properties that hold for every input: over the corpus, random token soup, and pathological nesting.</summary>
public sealed class RelationInvariantTests
{
    private const StatementClasses Changes = StatementClasses.Write | StatementClasses.Ddl | StatementClasses.Destructive;

    [Fact]
    public void Analyze_EveryCorpusEntry_KeepsTheRelationContract()
    {
        foreach (var entry in CorpusFile.Read())
        {
            var analysis = SqlAnalyzer.Analyze(entry.Sql);
            Assert.Equal(analysis.Statements.All(s => s.RelationsComplete), analysis.RelationsComplete);
            foreach (var statement in analysis.Statements)
            {
                AssertInvariants(statement);
                // A change is on a relation, or left for the rule's own lists, or the list admits it may miss one.
                var changes = statement.Classes & Changes;
                var explained = statement.Relations.Aggregate(StatementClasses.None, (c, r) => c | r.Classes) | statement.UnattributedClasses;
                Assert.True(!statement.RelationsComplete || (changes & ~explained) == 0, statement.Text);
                if ((statement.Classes & StatementClasses.Unknown) != 0)
                {
                    Assert.False(statement.RelationsComplete, statement.Text);
                }
            }
        }
    }

    [Fact]
    public void Analyze_CorpusDataChanges_NameTheirTable()
    {
        // Every corpus DML on the customers table (in any spelling) reports it, with the change on it.
        foreach (var entry in CorpusFile.Read())
        {
            foreach (var statement in SqlAnalyzer.Analyze(entry.Sql).Statements)
            {
                var text = statement.Text.ToLowerInvariant();
                if (!statement.RelationsComplete || !text.StartsWith("delete from customers", StringComparison.Ordinal))
                {
                    continue;
                }
                var access = Assert.Single(statement.Relations, r => r.Relation == new RelationName(null, "customers"));
                Assert.True((access.Classes & StatementClasses.Write) != 0, statement.Text);
            }
        }
    }

    [Fact]
    public void Analyze_RandomTokenSoup_NeverThrowsAndKeepsInvariants()
    {
        string[] vocabulary =
        [
            "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "NATURAL", "CROSS", "ON", "USING", "AS", "WITH", "RECURSIVE", "INSERT",
            "INTO", "UPDATE", "SET", "DELETE", "MERGE", "WHEN", "THEN", "VALUES", "TABLE", "ONLY", "LATERAL", "ROWS", "UNION",
            "CREATE", "ALTER", "DROP", "RENAME", "TO", "SCHEMA", "VIEW", "INDEX", "TRUNCATE", "LOCK", "GRANT", "REVOKE", "COPY",
            "EXPLAIN", "ANALYZE", "PREPARE", "EXECUTE", "DECLARE", "CURSOR", "FOR", "IS", "DISTINCT", "CASCADE", "IF", "EXISTS",
            "set_config", "search_path", "'search_path'", "'a, b'", "RESET", "ALL", "COMMENT", "COLUMN", "REFERENCES", "INHERITS",
            "t", "s", "x", "\"Q\"", "U&\"\\0041\"", "UESCAPE", "'!'", "(", "(", "(", ")", ")", ")", ",", ",", ".", ".", "*", "=", "1",
            "$1", "::", "int", ";", "--c\n", "/*", "*/", "$$", "'",
        ];
        var random = new Random(20261125);
        for (var n = 0; n < 20_000; n++)
        {
            var sql = new StringBuilder();
            var length = random.Next(1, 30);
            for (var k = 0; k < length; k++)
            {
                sql.Append(vocabulary[random.Next(vocabulary.Length)]).Append(random.Next(4) == 0 ? "" : " ");
            }
            var analysis = SqlAnalyzer.Analyze(sql.ToString());
            foreach (var statement in analysis.Statements)
            {
                AssertInvariants(statement);
            }
        }
    }

    [Theory]
    [InlineData("SELECT * FROM t WHERE a IN ", "(SELECT * FROM u WHERE b IN ", ")")]
    [InlineData("SELECT ", "(", ")")]
    [InlineData("SELECT * FROM ", "(", ")")]
    [InlineData("", "WITH x AS (", "SELECT 1) SELECT * FROM x")]
    [InlineData("", "EXPLAIN ", "SELECT 1")]
    [InlineData("", "PREPARE p AS ", "SELECT 1")]
    [InlineData("", "DECLARE c CURSOR FOR ", "SELECT 1")]
    [InlineData("SELECT * FROM a ", "JOIN b ON (", ")")]
    public void Analyze_DeepNesting_DoesNotExhaustTheStack(string prefix, string repeated, string suffix)
    {
        const int depth = 100_000;
        var sql = prefix + string.Concat(Enumerable.Repeat(repeated, depth)) + "1" + string.Concat(Enumerable.Repeat(suffix, depth));
        var analysis = SqlAnalyzer.Analyze(sql);
        Assert.All(analysis.Statements, AssertInvariants);
    }

    [Fact]
    public void Analyze_DeepNesting_ReportsIncomplete()
    {
        var sql = "SELECT * FROM t WHERE a IN " + string.Concat(Enumerable.Repeat("(SELECT * FROM u WHERE b IN ", 500)) + "(1)" + new string(')', 500);
        var statement = Single(sql);
        Assert.False(statement.RelationsComplete);
        Assert.Contains(statement.Relations, r => r.Relation.Name == "t");
    }
}
