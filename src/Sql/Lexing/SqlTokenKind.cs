namespace Warden.Sql.Lexing;

/// <summary>
/// Token kinds of PostgreSQL's lexical grammar
/// (https://www.postgresql.org/docs/current/sql-syntax-lexical.html).
/// </summary>
internal enum SqlTokenKind : byte
{
    /// <summary>Spaces, tabs, newlines, carriage returns and form feeds.</summary>
    Whitespace,

    /// <summary><c>-- ...</c> up to (not including) the end of the line.</summary>
    LineComment,

    /// <summary><c>/* ... */</c>, which nests in PostgreSQL (unlike the SQL standard).</summary>
    BlockComment,

    /// <summary>
    /// A key word or an unquoted identifier: the two share one lexical structure, so which one it is
    /// depends on where it stands ("one cannot know whether a token is an identifier or a key word
    /// without knowing the language", sql-syntax-lexical.html#SQL-SYNTAX-IDENTIFIERS).
    /// PostgreSQL folds it to lower case (ASCII letters only).
    /// </summary>
    Word,

    /// <summary><c>"..."</c> with <c>""</c> for a quote; never a key word, never case-folded.</summary>
    QuotedIdentifier,

    /// <summary><c>U&amp;"..."</c> with Unicode escapes, optionally followed by <c>UESCAPE 'c'</c>.</summary>
    UnicodeQuotedIdentifier,

    /// <summary><c>'...'</c>; backslashes are literal while standard_conforming_strings is on.</summary>
    String,

    /// <summary><c>E'...'</c> with C-style backslash escapes.</summary>
    EscapeString,

    /// <summary><c>B'...'</c>.</summary>
    BitString,

    /// <summary><c>X'...'</c>.</summary>
    HexString,

    /// <summary><c>U&amp;'...'</c> with Unicode escapes.</summary>
    UnicodeString,

    /// <summary><c>N'...'</c> (national character).</summary>
    NationalString,

    /// <summary><c>$$...$$</c> or <c>$tag$...$tag$</c>: no escapes at all.</summary>
    DollarString,

    /// <summary>Integer or numeric constant, including 0x/0o/0b forms and <c>_</c> separators (PG 16+).</summary>
    Number,

    /// <summary>Positional parameter <c>$n</c>.</summary>
    Parameter,

    /// <summary>Operator: a run of <c>+ - * / &lt; &gt; = ~ ! @ # % ^ &amp; | ` ?</c> cut by PostgreSQL's rules.</summary>
    Operator,

    /// <summary><c>( ) [ ] , ; : . :: := ..</c></summary>
    Punctuation,

    /// <summary>A character PostgreSQL's grammar never accepts here (e.g. a lone <c>$</c> or <c>\</c>).</summary>
    Other,
}
