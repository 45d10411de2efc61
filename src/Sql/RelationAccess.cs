namespace Warden.Sql;

/// <summary>
/// One relation a statement touches, and the DESIGN §6 classes the statement applies to that relation.
/// </summary>
/// <param name="Relation">The name as PostgreSQL would look it up; a view is reported by its own name (its query is not expanded here).</param>
/// <param name="Classes">
/// Per relation:
/// <list type="bullet">
/// <item>read: read by a query, a subquery, a join, the source of INSERT ... SELECT, UPDATE ... FROM,
/// DELETE ... USING, MERGE ... USING, COPY ... TO, a view's query or a policy's subqueries (stored now, run
/// whenever the view or table is read), CREATE TABLE ... (LIKE source), currval('s') and table_to_xml('t'),
/// or anything under EXPLAIN without ANALYZE (which only plans, so reading is the attribution).</item>
/// <item>write: target of INSERT, UPDATE, DELETE, MERGE (also inside data-modifying CTEs at any depth),
/// COPY ... FROM, LOCK, REFRESH MATERIALIZED VIEW, the sequence of nextval('s') and setval('s', n) (whose
/// write also stays in <see cref="SqlStatement.UnattributedClasses"/>); write + ddl for the new table of
/// CREATE TABLE AS, SELECT INTO and CREATE MATERIALIZED VIEW.</item>
/// <item>write + destructive: TRUNCATE, and the target of a DELETE/UPDATE the classifier judges
/// destructive (no WHERE, or an always-true one), or of MERGE ... THEN DELETE.</item>
/// <item>ddl (+ destructive, + dcl, as the statement has them): CREATE, ALTER, COMMENT ON and SECURITY LABEL
/// of tables, views, materialized views, indexes, sequences and foreign tables; the table of CREATE INDEX,
/// TRIGGER, RULE, POLICY and STATISTICS; the new name of ALTER ... RENAME TO and SET SCHEMA; parents of
/// PARTITION OF / INHERITS, partitions attached or detached, and tables a foreign key REFERENCES
/// (the server adds triggers to them).</item>
/// <item>ddl + destructive: each relation of DROP TABLE/VIEW/MATERIALIZED VIEW/INDEX/SEQUENCE/FOREIGN TABLE.</item>
/// <item>dcl: each relation of GRANT/REVOKE ... ON [TABLE|SEQUENCE].</item>
/// <item>admin: tables named by VACUUM, ANALYZE, CLUSTER, REINDEX (the admin class also stays in
/// <see cref="SqlStatement.UnattributedClasses"/>).</item>
/// </list>
/// </param>
public sealed record RelationAccess(RelationName Relation, StatementClasses Classes);
