using System.Text;
using Warden.Sql.Relations;

namespace Warden.Sql;

/// <summary>
/// A relation name as PostgreSQL would look it up: unquoted identifiers folded to lower case (ASCII
/// letters only, as the server's downcase_identifier does in UTF-8), quoted identifiers exact (with
/// <c>""</c> unescaped), <c>U&amp;"..."</c> identifiers decoded, and every part truncated to 63 bytes like
/// the server's NAMEDATALEN limit (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).
/// </summary>
/// <param name="Schema">
/// The schema as written, or null when the name was unqualified: resolving it against search_path (see
/// <see cref="SqlStatement.SearchPathChange"/>) happens outside this library, with the session's catalog.
/// </param>
/// <param name="Name">The relation's own name.</param>
/// <remarks>Equality is ordinal on all three parts, which is how the server compares names.</remarks>
public readonly record struct RelationName(string? Schema, string Name)
{
    /// <summary>The database of a three-part name <c>db.schema.table</c>; null otherwise.</summary>
    public string? Database { get; init; }

    /// <summary><c>schema.name</c> (or <c>db.schema.name</c>, or <c>name</c>), each part double-quoted when it would not read back as itself.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Database is not null)
        {
            AppendPart(text, Database).Append('.');
        }
        if (Schema is not null)
        {
            AppendPart(text, Schema).Append('.');
        }
        return AppendPart(text, Name ?? string.Empty).ToString();
    }

    /// <summary>PostgreSQL's quote_identifier: quoted unless lower-case letters, digits, _ and $ that start with a letter or _ and are not a key word.</summary>
    private static StringBuilder AppendPart(StringBuilder text, string part)
    {
        if (!SqlKeywords.NeedsQuotes(part))
        {
            return text.Append(part);
        }
        return text.Append('"').Append(part.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
