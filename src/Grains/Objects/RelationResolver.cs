using Warden.Grains.Interfaces.Objects;
using Warden.Policy.Access;
using Warden.Sql;

namespace Warden.Grains.Objects;

/// <summary>
/// Turns the relation names a statement uses into every (schema, table) each could mean, for object-scoped
/// rules. A schema-qualified name means itself. An unqualified one is looked up as PostgreSQL does
/// (https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PATH): pg_temp first, then
/// pg_catalog unless the path lists it, then the path with <c>$user</c> as the session's role. Its candidates
/// are every schema up to and including the first whose catalog has the name: a schema before it may gain the
/// name at any time (a temp table, a table created after the snapshot), so it stays possible; when no schema
/// has it (the statement creates it, or the snapshot is old or missing), every schema of the path is.
/// The union is taken over every search path the session may have.
/// </summary>
internal static class RelationResolver
{
    public const string TempSchema = "pg_temp";
    private const string CatalogSchema = "pg_catalog";

    /// <summary>The policy's view of a statement's relations, views expanded to the relations behind them.</summary>
    public static List<RelationUse> Resolve(IReadOnlyList<RelationAccess> relations, SearchPaths paths, CatalogSnapshot catalog, string user)
    {
        var uses = new List<RelationUse>(relations.Count);
        foreach (var access in relations)
        {
            var candidates = Candidates(access.Relation, paths, catalog, user);
            uses.Add(new RelationUse(access.Relation.ToString(), candidates, access.Classes));
            AddViewBases(uses, candidates, access.Classes, catalog, new HashSet<QualifiedRelation>(candidates));
        }
        return uses;
    }

    /// <summary>
    /// Every relation the name could resolve to; empty when it could be in any schema and the catalog is not
    /// loaded (policy then judges it against every objects entry).
    /// </summary>
    public static IReadOnlyList<QualifiedRelation> Candidates(RelationName name, SearchPaths paths, CatalogSnapshot catalog, string user)
    {
        if (name.Schema is not null)
        {
            return [new QualifiedRelation(name.Schema, name.Name)];
        }
        var candidates = new List<QualifiedRelation> { new(TempSchema, name.Name) };
        if (paths.AnySchema)
        {
            if (!catalog.Loaded)
            {
                return [];
            }
            foreach (var schema in catalog.Schemas)
            {
                AddOnce(candidates, new QualifiedRelation(schema, name.Name));
            }
            return candidates;
        }
        foreach (var path in paths.Paths)
        {
            foreach (var schema in Effective(path, user))
            {
                var candidate = new QualifiedRelation(schema, name.Name);
                AddOnce(candidates, candidate);
                if (catalog.Find(schema, name.Name) is not null)
                {
                    break;
                }
            }
        }
        return candidates;
    }

    /// <summary>The schemas searched for relations, after pg_temp: pg_catalog first unless listed, <c>$user</c> replaced.</summary>
    private static IEnumerable<string> Effective(IReadOnlyList<string> path, string user)
    {
        if (!path.Contains(CatalogSchema, StringComparer.Ordinal))
        {
            yield return CatalogSchema;
        }
        foreach (var schema in path)
        {
            if (schema == TempSchema)
            {
                continue; // already the first candidate
            }
            yield return schema == "$user" ? user : schema;
        }
    }

    /// <summary>Reading or writing a view reads or writes (through its rules) the relations its query names.</summary>
    private static void AddViewBases(List<RelationUse> uses, IReadOnlyList<QualifiedRelation> candidates, StatementClasses classes, CatalogSnapshot catalog, HashSet<QualifiedRelation> seen)
    {
        var carried = classes & (StatementClasses.Read | StatementClasses.Write);
        if (carried == StatementClasses.None)
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            if (catalog.Find(candidate.Schema, candidate.Name) is not { Kind: 'v' } view)
            {
                continue;
            }
            foreach (var source in view.Bases)
            {
                var underlying = new QualifiedRelation(source.Schema, source.Name);
                if (seen.Add(underlying))
                {
                    uses.Add(new RelationUse($"{underlying} (through view {candidate})", [underlying], carried));
                    AddViewBases(uses, [underlying], carried, catalog, seen);
                }
            }
        }
    }

    private static void AddOnce(List<QualifiedRelation> list, QualifiedRelation item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }
}
