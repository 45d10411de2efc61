namespace Warden.Sql.Tests.Corpus;

/// <summary>
/// Generates the corpus: templates × fixture table spellings × textual variants. The spellings and
/// variants are the disguises of DESIGN §3 (quoted and Unicode-escaped names, comments holding
/// commands, case, layout); the database, not this code, says what each statement does.
/// </summary>
internal static class CorpusGenerator
{
    public const string FileName = "statements.tsv";

    /// <summary>Ways to name the fixture tables; all resolve to real tables of <see cref="CorpusFixture"/>.</summary>
    private static readonly string[] Tables =
    [
        "customers",
        "public.customers",
        "\"customers\"",
        "CUSTOMERS",
        "U&\"\\0063ustomers\"",
        "billing.invoices",
        "\"billing\".\"invoices\"",
        "\"Order Items\"",
    ];

    /// <summary>Text variants; COPY entries use only the first, since Npgsql's copy API wants the text to start with COPY.</summary>
    private static readonly Func<string, string?>[] Variants =
    [
        sql => sql,
        sql => "/* DELETE FROM x; DROP TABLE y; */ " + sql,
        sql => "-- TRUNCATE z;\n" + sql + ";",
        sql => sql + " -- ; DROP TABLE x",
        sql => "\n\t" + sql.Replace(" FROM ", "\nFROM\n", StringComparison.Ordinal) + "\n;\n",
        sql => sql.Contains('\'') || sql.Contains('"') || sql.Contains('$') ? null : sql.ToLowerInvariant(),
    ];

    public static IReadOnlyList<CorpusEntry> Generate()
    {
        var entries = new List<CorpusEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(CorpusMode mode, string sql, int variantCount)
        {
            for (var v = 0; v < variantCount; v++)
            {
                if (Variants[v](sql) is { } text && seen.Add(text))
                {
                    entries.Add(new CorpusEntry(mode, text));
                }
            }
        }
        foreach (var table in Tables)
        {
            foreach (var template in CorpusTemplates.TableReads.Concat(CorpusTemplates.TableWrites))
            {
                Add(CorpusMode.Transaction, template.Replace("{t}", table, StringComparison.Ordinal), table == Tables[0] ? Variants.Length : 2);
            }
            foreach (var template in CorpusTemplates.CopyIn)
            {
                Add(CorpusMode.CopyIn, template.Replace("{t}", table, StringComparison.Ordinal), 1);
            }
            foreach (var template in CorpusTemplates.CopyOut)
            {
                Add(CorpusMode.CopyOut, template.Replace("{t}", table, StringComparison.Ordinal), 1);
            }
            foreach (var template in CorpusTemplates.Autocommit)
            {
                Add(CorpusMode.Autocommit, template.Replace("{t}", table, StringComparison.Ordinal), 1);
            }
        }
        foreach (var template in CorpusStandaloneTemplates.Transaction)
        {
            Add(CorpusMode.Transaction, template, Variants.Length);
        }
        foreach (var template in CorpusStandaloneTemplates.Autocommit)
        {
            Add(CorpusMode.Autocommit, template, 1);
        }
        return entries;
    }
}
