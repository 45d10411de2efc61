namespace Warden.Sql;

/// <summary>
/// How a statement changes the session's search_path, which decides where unqualified relation names
/// resolve (https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PATH).
/// </summary>
/// <param name="Schemas">
/// The new path, in order; null when it returns to the session default (<c>RESET search_path</c>,
/// <c>SET search_path TO DEFAULT</c>, <c>RESET ALL</c>, <c>DISCARD ALL</c>). Names are as the server stores
/// them: <c>SET search_path = a, "B", 'C d'</c> gives a, B, "C d" (SET takes each string literal as one exact
/// name); <c>set_config('search_path', 'a, "B", C', false)</c> gives a, B, c (the value is parsed as a
/// search_path string: comma-separated, unquoted parts folded to lower case). <c>$user</c> stays "$user".
/// Meaningless when <see cref="Unknown"/> is true.
/// </param>
/// <param name="IsLocal">SET LOCAL, or set_config(..., true): the change ends with the current transaction.</param>
/// <remarks>
/// The change takes effect only if the statement succeeds, and a non-local change made inside a transaction
/// block is undone if the transaction rolls back: the caller tracks that. <c>SET ROLE</c> and
/// <c>SET SESSION AUTHORIZATION</c> change what <c>$user</c> means.
/// </remarks>
public sealed record SearchPathChange(IReadOnlyList<string>? Schemas, bool IsLocal)
{
    /// <summary>
    /// The new path cannot be known from the text (set_config with a value or setting name that is not a
    /// literal, a set_config call that may run any number of times, a value the server would reject):
    /// the caller must assume unqualified names can resolve to any schema from here on.
    /// </summary>
    public bool Unknown { get; init; }
}
