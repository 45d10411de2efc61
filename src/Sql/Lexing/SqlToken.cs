namespace Warden.Sql.Lexing;

[Flags]
internal enum SqlTokenFlags : byte
{
    None = 0,

    /// <summary>The input ended inside the token (string, quoted identifier, comment, dollar quote).</summary>
    Unterminated = 1 << 0,

    /// <summary>PostgreSQL rejects the token (e.g. <c>""</c>, or <c>U&amp;'...'</c> with standard_conforming_strings off).</summary>
    Malformed = 1 << 1,
}

/// <summary>One token: a kind and a range of the source text (no copy of the text).</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, SqlTokenFlags Flags = SqlTokenFlags.None)
{
    public int End => Start + Length;

    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment;

    public bool IsFaulty => Flags != SqlTokenFlags.None || Kind == SqlTokenKind.Other;

    public bool IsStringConstant => Kind is SqlTokenKind.String or SqlTokenKind.EscapeString or SqlTokenKind.BitString
        or SqlTokenKind.HexString or SqlTokenKind.UnicodeString or SqlTokenKind.NationalString or SqlTokenKind.DollarString;
}
