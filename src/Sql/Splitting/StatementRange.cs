namespace Warden.Sql.Splitting;

/// <summary>
/// One statement of a query text as a range [<see cref="First"/>, <see cref="End"/>) of significant
/// tokens, without its terminating semicolon. <see cref="Unbalanced"/> means its parentheses do not
/// match, which the server rejects.
/// </summary>
internal readonly record struct StatementRange(int First, int End, bool Unbalanced)
{
    public int Count => End - First;
}
