using Warden.Grains.Interfaces.Masking;

namespace Warden.Grains.Interfaces.Objects;

/// <summary>A relation in a target's catalog (pg_class), with the relations a view or materialized view reads.</summary>
/// <param name="Kind">pg_class.relkind: r table, p partitioned table, v view, m materialized view, f foreign table, S sequence, i/I index.</param>
/// <param name="Bases">For views: the relations its query reads (pg_rewrite → pg_depend), as (schema, name).</param>
[GenerateSerializer, Immutable, Alias("Warden.CatalogRelation")]
public sealed record CatalogRelation(
    [property: Id(0)] string Schema,
    [property: Id(1)] string Name,
    [property: Id(2)] char Kind,
    [property: Id(3)] IReadOnlyList<CatalogRelationRef> Bases);

[GenerateSerializer, Immutable, Alias("Warden.CatalogRelationRef")]
public sealed record CatalogRelationRef([property: Id(0)] string Schema, [property: Id(1)] string Name);

/// <summary>
/// What one target database holds, as last loaded: its schemas and relations. <see cref="Loaded"/> is false when
/// it could not be loaded (yet): name resolution then fails closed.
/// </summary>
/// <param name="Version">Increases with every load, so a verdict can name the catalog it was judged against.</param>
/// <param name="Masking">The policy's masked columns resolved in this catalog; null when the policy masks none.</param>
[GenerateSerializer, Immutable, Alias("Warden.CatalogSnapshot")]
public sealed record CatalogSnapshot(
    [property: Id(0)] long Version,
    [property: Id(1)] bool Loaded,
    [property: Id(2)] IReadOnlyList<string> Schemas,
    [property: Id(3)] IReadOnlyList<CatalogRelation> Relations,
    [property: Id(4)] CatalogMasking? Masking = null)
{
    // Built on first use and never changed after; two threads racing build equal indexes, and publishing the
    // reference is atomic, so sharing one snapshot between grains (it is [Immutable]) is safe.
    [NonSerialized]
    private Dictionary<(string, string), CatalogRelation>? _index;

    [NonSerialized]
    private HashSet<string>? _schemas;

    public static CatalogSnapshot NotLoaded { get; } = new(0, false, [], []);

    public CatalogRelation? Find(string schema, string name)
    {
        var index = _index ??= Relations.ToDictionary(r => (r.Schema, r.Name));
        return index.GetValueOrDefault((schema, name));
    }

    public bool HasSchema(string schema) => (_schemas ??= new HashSet<string>(Schemas, StringComparer.Ordinal)).Contains(schema);
}
