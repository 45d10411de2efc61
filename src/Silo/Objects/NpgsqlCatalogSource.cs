using Npgsql;
using Warden.Grains.Interfaces.Objects;
using Warden.Grains.Objects;
using Warden.Policy.Masking;
using Warden.Policy.Targets;

namespace Warden.Silo.Objects;

/// <summary>
/// Reads a target's relations and what its views read, with Npgsql, for the catalog grains. Lives in the silo
/// so the grains project stays free of database drivers (it sees only <see cref="ICatalogSource"/>).
/// </summary>
internal sealed partial class NpgsqlCatalogSource : ICatalogSource
{
    // Temporary and TOAST schemas are per session or internal: pg_temp is always a candidate anyway.
    private const string RelationsQuery = """
        SELECT n.nspname, c.relname, c.relkind::text
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname !~ '^pg_(toast|temp_|toast_temp_)'
        """;

    private const string SchemasQuery = """
        SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_(toast|temp_|toast_temp_)'
        """;

    // A view's query is a rewrite rule; the rule depends on every relation the query reads
    // (https://www.postgresql.org/docs/current/catalog-pg-depend.html). The view itself is excluded.
    private const string ViewBasesQuery = """
        SELECT DISTINCT vn.nspname, v.relname, bn.nspname, b.relname
        FROM pg_catalog.pg_rewrite r
        JOIN pg_catalog.pg_class v ON v.oid = r.ev_class AND v.relkind = 'v'
        JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
             AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> r.ev_class
        JOIN pg_catalog.pg_class b ON b.oid = d.refobjid
        JOIN pg_catalog.pg_namespace bn ON bn.oid = b.relnamespace
        """;

    public async Task<CatalogContents> LoadAsync(PolicyTarget target, TargetRole role, IReadOnlyList<MaskedColumn> maskedColumns, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = target.Host,
            Port = target.Port,
            Database = target.Database,
            Username = role.User.Reveal(),
            Password = role.Password.Reveal(),
            ApplicationName = "warden:catalog",
            Pooling = false,
            SslMode = target.Tls switch
            {
                TargetTls.Disable => SslMode.Disable,
                TargetTls.VerifyFull => SslMode.VerifyFull,
                _ => SslMode.Require,
            },
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        var schemas = new List<string>();
        await using (var command = new NpgsqlCommand(SchemasQuery, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                schemas.Add(reader.GetString(0));
            }
        }

        var bases = new Dictionary<(string, string), List<CatalogRelationRef>>();
        await using (var command = new NpgsqlCommand(ViewBasesQuery, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!bases.TryGetValue(key, out var list))
                {
                    bases[key] = list = [];
                }
                list.Add(new CatalogRelationRef(reader.GetString(2), reader.GetString(3)));
            }
        }

        var relations = new List<CatalogRelation>();
        await using (var command = new NpgsqlCommand(RelationsQuery, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var schema = reader.GetString(0);
                var name = reader.GetString(1);
                var kind = reader.GetString(2);
                relations.Add(new CatalogRelation(schema, name, kind.Length > 0 ? kind[0] : '?',
                    bases.TryGetValue((schema, name), out var list) ? list : []));
            }
        }
        var masking = maskedColumns.Count == 0 ? null : await LoadMaskingAsync(connection, maskedColumns, cancellationToken);
        return new CatalogContents(schemas, relations, masking);
    }
}
