namespace Warden.Grains.Interfaces.Masking;

/// <summary>
/// The policy's masked columns as one target's catalog resolves them: the columns themselves, the columns of
/// views and materialized views built on them (transitively), and the same columns of inheritance children and
/// partitions. Loaded with the catalog, so sessions can be planned without a database round trip.
/// </summary>
/// <param name="Columns">
/// The policy's <c>masking.columns</c> this was resolved for (<see cref="KeyOf"/>); a session whose policy lists
/// others must not use it.
/// </param>
/// <param name="MaxRelationOid">The highest pg_class OID at load time (see <see cref="SampleMasking.KnownRelationsUpTo"/>).</param>
[GenerateSerializer, Immutable, Alias("Warden.CatalogMasking")]
public sealed record CatalogMasking(
    [property: Id(0)] string Columns,
    [property: Id(1)] IReadOnlyList<MaskedField> Fields,
    [property: Id(2)] uint MaxRelationOid)
{
    /// <summary>A stable text for a list of (schema, table, column, method).</summary>
    public static string KeyOf(IEnumerable<(string Schema, string Table, string Column, MaskMethod Method)> columns) =>
        string.Join('\n', columns.Select(c => $"{c.Schema}.{c.Table}.{c.Column}={c.Method}"));
}
