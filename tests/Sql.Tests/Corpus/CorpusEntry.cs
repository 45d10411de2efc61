namespace Warden.Sql.Tests.Corpus;

/// <summary>How the corpus runner has to send a statement to PostgreSQL.</summary>
public enum CorpusMode
{
    /// <summary>Inside BEGIN READ ONLY ... ROLLBACK.</summary>
    Transaction,

    /// <summary>Cannot run in a transaction block (VACUUM, CREATE DATABASE, ...): autocommit with default_transaction_read_only on.</summary>
    Autocommit,

    /// <summary>COPY ... FROM STDIN, which needs the copy-in sub-protocol.</summary>
    CopyIn,

    /// <summary>COPY ... TO STDOUT, which needs the copy-out sub-protocol.</summary>
    CopyOut,
}

/// <summary>One query text of the corpus and how to run it.</summary>
public sealed record CorpusEntry(CorpusMode Mode, string Sql)
{
    private static readonly (string Raw, string Escaped)[] Escapes = [("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")];

    /// <summary>One line: mode, a tab, and the SQL with backslash, newline, carriage return and tab escaped.</summary>
    public string ToLine()
    {
        var sql = Sql;
        foreach (var (raw, escaped) in Escapes)
        {
            sql = sql.Replace(raw, escaped, StringComparison.Ordinal);
        }
        return $"{Mode}\t{sql}";
    }

    public static CorpusEntry FromLine(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        var mode = Enum.Parse<CorpusMode>(line[..tab]);
        var sql = new System.Text.StringBuilder(line.Length);
        for (var i = tab + 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                i++;
                sql.Append(line[i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var c => c });
            }
            else
            {
                sql.Append(line[i]);
            }
        }
        return new CorpusEntry(mode, sql.ToString());
    }
}
