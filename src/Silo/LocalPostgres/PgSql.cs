using System.Text.RegularExpressions;

namespace Warden.Silo.LocalPostgres;

/// <summary>
/// Quoting for the few statements that cannot take parameters (CREATE DATABASE, CREATE ROLE ... PASSWORD).
/// Names are restricted to plain identifiers so nothing surprising ever reaches DDL.
/// </summary>
internal static partial class PgSql
{
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainIdentifier();

    /// <summary>Validates a lower-case identifier and returns it double-quoted.</summary>
    internal static string Identifier(string name) =>
        PlainIdentifier().IsMatch(name)
            ? $"\"{name}\""
            : throw new ArgumentException($"'{name}' is not a plain lower-case identifier.", nameof(name));

    /// <summary>A standard-conforming string literal (backslashes are literal when standard_conforming_strings is on, the default).</summary>
    internal static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
