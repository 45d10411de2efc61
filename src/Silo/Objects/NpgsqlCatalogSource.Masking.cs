using Npgsql;
using NpgsqlTypes;
using Warden.Grains.Interfaces.Masking;
using Warden.Grains.Masking;
using Warden.Policy.Masking;

namespace Warden.Silo.Objects;

/// <summary>
/// Resolves the policy's masked columns to what a RowDescription names: (table OID, attribute number). PostgreSQL
/// reports a column read through a view as the view's own column (the origin is taken before the view is
/// expanded), so views and materialized views built on a masked column are found too, and since the catalog
/// cannot say which view column comes from which base column, every column of such a view is masked with the
/// strictest method of the masked columns it uses (over-masking, never under). Followed transitively (views on
/// views), and to inheritance children and partitions (same column name, own OID).
/// </summary>
internal sealed partial class NpgsqlCatalogSource
{
    /// <summary>Views on views deeper than this are not expected; deeper ones fail the load (fail closed: no samples).</summary>
    private const int MaxRounds = 32;

    private const string BaseColumnsQuery = """
        SELECT c.oid::int8, a.attnum, a.attname, m.method
        FROM unnest(@schemas, @tables, @columns, @methods) AS m(schema_name, table_name, column_name, method)
        JOIN pg_catalog.pg_namespace n ON n.nspname = m.schema_name
        JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = m.table_name
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = m.column_name AND a.attnum > 0 AND NOT a.attisdropped
        """;

    // A view's query is its _RETURN rule; the rule depends on each column it reads (refobjsubid = attnum), and on a
    // relation as a whole (refobjsubid = 0) only when it reads none of its columns (PostgreSQL drops the whole-relation
    // dependency when a column one exists: dependency.c, eliminate_duplicate_dependencies). A whole-row reference
    // (SELECT c FROM customers c, row_to_json(c)) leaves no dependency of its own, so it is recognised in the stored
    // query tree: a Var with varattno 0 anywhere in it. Fails closed: a tree without any varattno (no Vars at all, or
    // its text form changed) counts as having one.
    private const string DependentViewsQuery = """
        SELECT DISTINCT r.ev_class::int8, d.refobjid::int8, d.refobjsubid,
               position(':varattno 0 ' in r.ev_action::text) > 0 OR position(':varattno ' in r.ev_action::text) = 0
        FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid
        JOIN pg_catalog.pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
        WHERE d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
          AND d.refobjid = ANY(@relations::pg_catalog.oid[]) AND r.ev_class <> d.refobjid
        """;

    private const string ChildrenQuery = """
        SELECT inhrelid::int8, inhparent::int8 FROM pg_catalog.pg_inherits WHERE inhparent = ANY(@relations::pg_catalog.oid[])
        """;

    private const string ColumnsQuery = """
        SELECT attrelid::int8, attnum, attname, atttypid::int8
        FROM pg_catalog.pg_attribute WHERE attrelid = ANY(@relations::pg_catalog.oid[]) AND attnum > 0 AND NOT attisdropped
        """;

    private const string MaxRelationOidQuery = "SELECT coalesce(max(oid::int8), 0) FROM pg_catalog.pg_class";

    private readonly record struct Column(uint Relation, short Number, string Name, uint Type);

    private static async Task<CatalogMasking> LoadMaskingAsync(NpgsqlConnection connection, IReadOnlyList<MaskedColumn> policyColumns, CancellationToken cancellationToken)
    {
        var masked = new Dictionary<(uint Relation, short Number), MaskMethod>();
        var names = new Dictionary<(uint Relation, short Number), string>();
        var changed = new HashSet<uint>();

        await using (var command = new NpgsqlCommand(BaseColumnsQuery, connection))
        {
            command.Parameters.Add(new NpgsqlParameter("schemas", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = policyColumns.Select(c => c.Schema).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = policyColumns.Select(c => c.Table).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("columns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = policyColumns.Select(c => c.Column).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("methods", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = policyColumns.Select(c => (int)c.Method.ToContract()).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = ((uint)reader.GetInt64(0), reader.GetInt16(1));
                names[key] = reader.GetString(2);
                if (Mask(masked, key, (MaskMethod)reader.GetInt32(3)))
                {
                    changed.Add(key.Item1);
                }
            }
        }

        for (var round = 0; changed.Count > 0; round++)
        {
            if (round == MaxRounds)
            {
                throw new InvalidOperationException($"views on masked columns nest deeper than {MaxRounds} levels");
            }
            long[] relations = [.. changed.Select(r => (long)r)];
            changed.Clear();
            var uses = await ReadViewUsesAsync(connection, relations, cancellationToken);
            var children = await ReadPairsAsync(connection, ChildrenQuery, relations, cancellationToken);
            long[] derived = [.. uses.Select(u => (long)u.View).Concat(children.Select(c => (long)c.Child)).Distinct()];
            var columns = (await ReadColumnsAsync(connection, derived, cancellationToken)).ToLookup(c => c.Relation);

            foreach (var view in uses.GroupBy(u => u.View))
            {
                // The strictest method among the masked columns the view reads; a whole-row use of a relation with
                // masked columns can hide any of them inside a row, JSON or text value.
                MaskMethod? method = null;
                var wholeRow = false;
                foreach (var use in view)
                {
                    wholeRow |= use.WholeRow && masked.Keys.Any(k => k.Relation == use.Relation);
                    if (masked.TryGetValue((use.Relation, use.Number), out var m))
                    {
                        method = method is { } previous ? MaskMethods.Strictest(previous, m) : m;
                    }
                }
                foreach (var column in columns[view.Key])
                {
                    // A column that may hold a whole row holds every masked column of it: redacted, never partial.
                    var applied = wholeRow && !PlainScalarTypes.Contains(column.Type)
                        ? MaskMethods.Strictest(method ?? MaskMethod.Redact, MaskMethod.Redact)
                        : method;
                    if (applied is { } a && Mask(masked, (column.Relation, column.Number), a))
                    {
                        names[(column.Relation, column.Number)] = column.Name;
                        changed.Add(column.Relation);
                    }
                }
            }

            foreach (var (child, parent) in children)
            {
                foreach (var column in columns[child])
                {
                    var parentColumn = names.FirstOrDefault(n => n.Key.Relation == parent && n.Value == column.Name).Key;
                    if (parentColumn.Relation == parent && masked.TryGetValue(parentColumn, out var m) && Mask(masked, (child, column.Number), m))
                    {
                        names[(child, column.Number)] = column.Name;
                        changed.Add(child);
                    }
                }
            }
        }

        uint maxOid;
        await using (var command = new NpgsqlCommand(MaxRelationOidQuery, connection))
        {
            maxOid = (uint)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        MaskedField[] fields = [.. masked.Select(f => new MaskedField(f.Key.Relation, f.Key.Number, f.Value)).OrderBy(f => f.TableOid).ThenBy(f => f.ColumnNumber)];
        return new CatalogMasking(MaskingContracts.KeyOf(policyColumns), fields, maxOid);
    }

    /// <summary>Masks a field, or makes its method stricter; true when that changed anything.</summary>
    private static bool Mask(Dictionary<(uint, short), MaskMethod> masked, (uint, short) field, MaskMethod method)
    {
        if (masked.TryGetValue(field, out var existing))
        {
            var strictest = MaskMethods.Strictest(existing, method);
            if (strictest == existing)
            {
                return false;
            }
            method = strictest;
        }
        masked[field] = method;
        return true;
    }

    private static async Task<List<(uint View, uint Relation, short Number, bool WholeRow)>> ReadViewUsesAsync(
        NpgsqlConnection connection, long[] relations, CancellationToken cancellationToken)
    {
        var rows = new List<(uint, uint, short, bool)>();
        await using var command = Command(connection, DependentViewsQuery, relations);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(((uint)reader.GetInt64(0), (uint)reader.GetInt64(1), (short)reader.GetInt32(2), reader.GetBoolean(3)));
        }
        return rows;
    }

    private static async Task<List<(uint Child, uint Parent)>> ReadPairsAsync(
        NpgsqlConnection connection, string sql, long[] relations, CancellationToken cancellationToken)
    {
        var rows = new List<(uint, uint)>();
        await using var command = Command(connection, sql, relations);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(((uint)reader.GetInt64(0), (uint)reader.GetInt64(1)));
        }
        return rows;
    }

    private static async Task<List<Column>> ReadColumnsAsync(NpgsqlConnection connection, long[] relations, CancellationToken cancellationToken)
    {
        var rows = new List<Column>();
        if (relations.Length == 0)
        {
            return rows;
        }
        await using var command = Command(connection, ColumnsQuery, relations);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Column((uint)reader.GetInt64(0), reader.GetInt16(1), reader.GetString(2), (uint)reader.GetInt64(3)));
        }
        return rows;
    }

    /// <summary>OIDs travel as int8 and are cast to oid[] in the SQL.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, long[] relations)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("relations", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = relations });
        return command;
    }
}
