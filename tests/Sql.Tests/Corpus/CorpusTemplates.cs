namespace Warden.Sql.Tests.Corpus;

/// <summary>
/// Statement templates for the corpus; <c>{t}</c> stands for a fixture table (see <see cref="CorpusFixture"/>:
/// every fixture table has the columns id, name, amount, note, created_at). Arguments to server-side
/// functions are harmless on purpose (/dev/null, PID 0), since the runner really executes them.
/// </summary>
internal static class CorpusTemplates
{
    public static readonly string[] TableReads =
    [
        "SELECT * FROM {t}",
        "SELECT id, name FROM {t} WHERE id = 1",
        "select count(*), lower(name), now() from {t} group by lower(name)",
        "SELECT * FROM {t} ORDER BY created_at DESC LIMIT 5 OFFSET 1",
        "TABLE {t}",
        "SELECT 'DELETE FROM x; DROP TABLE y' AS s FROM {t}",
        "SELECT $$; DELETE FROM x; $$ AS s FROM {t}",
        "SELECT $body$ $$ ; TRUNCATE x; $$ $body$ AS s FROM {t}",
        "SELECT name AS \"DELETE\", note AS \"update\" FROM {t}",
        "SELECT note FROM {t} WHERE note = 'INSERT INTO x VALUES (1)'",
        "WITH x AS (SELECT * FROM {t}) SELECT count(*) FROM x",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r, {t}",
        "SELECT a.id FROM {t} a JOIN orders b ON a.id = b.id",
        "SELECT id FROM {t} WHERE id IN (SELECT id FROM orders WHERE amount > 0)",
        "SELECT E'\\'; DELETE FROM x; --' AS s FROM {t}",
        "SELECT 'a'\n'; DROP TABLE x' AS s FROM {t}",
        "SELECT pg_catalog.lower(name), coalesce(note, 'n')::varchar(10) FROM {t}",
        "SELECT app.plain_reader(id) FROM {t}",
        "SELECT set_config('app.tag', name, true) FROM {t} LIMIT 1",
        "SELECT current_setting('search_path'), pg_typeof(amount) FROM {t}",
        "EXPLAIN SELECT * FROM {t}",
        "EXPLAIN DELETE FROM {t}",
        "EXPLAIN VERBOSE UPDATE {t} SET name = 'x'",
        "EXPLAIN (ANALYZE false) DELETE FROM {t}",
        "EXPLAIN (ANALYZE off, COSTS off) INSERT INTO {t} (id) VALUES (9)",
        "EXPLAIN (ANALYZE) SELECT * FROM {t}",
        "EXPLAIN ANALYZE SELECT count(*) FROM {t}",
        "DECLARE c CURSOR FOR SELECT * FROM {t}",
        "DECLARE c CURSOR FOR SELECT * FROM {t}; FETCH 2 FROM c; MOVE NEXT IN c; CLOSE c",
        "SELECT * FROM {t} WHERE note IS NULL OR note LIKE '%;%'",
    ];

    public static readonly string[] TableWrites =
    [
        "INSERT INTO {t} (id, name) VALUES (1001, 'x')",
        "INSERT INTO {t} (id, name) VALUES (1002, 'x') ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        "INSERT INTO {t} (id, name) VALUES (1003, 'x') RETURNING id",
        "INSERT INTO {t} SELECT id + 5000, name, amount, note, created_at FROM orders",
        "UPDATE {t} SET name = 'x' WHERE id = 1",
        "UPDATE {t} SET amount = amount * 2",
        "update {t} set note = 'y' where true",
        "DELETE FROM {t} WHERE id = 1",
        "DELETE FROM {t}",
        "DELETE FROM {t} WHERE 1 = 1 RETURNING *",
        "MERGE INTO {t} AS tgt USING orders src ON tgt.id = src.id WHEN MATCHED THEN UPDATE SET name = src.name",
        "MERGE INTO {t} AS tgt USING orders src ON tgt.id = src.id WHEN MATCHED THEN DELETE",
        "WITH d AS (DELETE FROM {t} WHERE id = 1 RETURNING *) SELECT * FROM d",
        "WITH d AS (DELETE FROM {t} RETURNING *) SELECT count(*) FROM d",
        "WITH i AS (INSERT INTO {t} (id, name) VALUES (2001, 'y') RETURNING id) SELECT id FROM i",
        "WITH u AS MATERIALIZED (UPDATE {t} SET note = 'n' WHERE id = 2 RETURNING *) SELECT * FROM u",
        "WITH x AS (SELECT 1) DELETE FROM {t} WHERE id = 3",
        "EXPLAIN ANALYZE DELETE FROM {t} WHERE id = 1",
        "EXPLAIN (ANALYZE, BUFFERS) UPDATE {t} SET name = 'z'",
        "EXPLAIN ANALYZE INSERT INTO {t} (id) VALUES (3001)",
        "EXPLAIN (ANALYZE true, FORMAT JSON) DELETE FROM {t}",
        "SELECT * FROM {t} FOR UPDATE",
        "SELECT * FROM {t} WHERE id = 1 FOR NO KEY UPDATE SKIP LOCKED",
        "SELECT * FROM {t} FOR SHARE",
        "SELECT * FROM {t} FOR KEY SHARE NOWAIT",
        "DECLARE c CURSOR FOR SELECT * FROM {t} FOR UPDATE",
        "SELECT * INTO TEMP corpus_tmp FROM {t}",
        "SELECT id, name INTO corpus_new FROM {t}",
        "CREATE TABLE corpus_ctas AS SELECT * FROM {t}",
        "CREATE TEMP TABLE corpus_ctas AS SELECT * FROM {t} WITH NO DATA",
        "CREATE MATERIALIZED VIEW corpus_mv AS SELECT * FROM {t}",
        "SELECT nextval('app.seq') FROM {t} LIMIT 1",
        "SELECT setval('app.seq', 5) FROM {t} LIMIT 1",
        "SELECT * FROM {t} WHERE id = (SELECT nextval('app.seq'))",
        "SELECT pg_advisory_xact_lock(id) FROM {t} LIMIT 1",
        "TRUNCATE {t}",
        "TRUNCATE TABLE {t} RESTART IDENTITY CASCADE",
        "LOCK TABLE {t} IN ACCESS EXCLUSIVE MODE",
        "LOCK {t}",
        "LOCK TABLE {t} IN ACCESS SHARE MODE",
        "COPY {t} FROM '/dev/null'",
        "COPY {t} TO '/dev/null'",
        "PREPARE corpus_p AS DELETE FROM {t} WHERE id = $1",
        "PREPARE corpus_p AS SELECT * FROM {t}; EXECUTE corpus_p",
        "PREPARE corpus_p (int) AS UPDATE {t} SET name = 'p' WHERE id = $1; EXECUTE corpus_p(1)",
        "ALTER TABLE {t} ADD COLUMN extra int",
        "ALTER TABLE {t} DROP COLUMN note",
        "ALTER TABLE {t} ALTER COLUMN note DROP DEFAULT",
        "ALTER TABLE {t} ALTER COLUMN amount TYPE int USING amount::int",
        "ALTER TABLE {t} RENAME COLUMN note TO note2",
        "ALTER TABLE {t} OWNER TO CURRENT_USER",
        "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
        "DROP TABLE {t}",
        "DROP TABLE IF EXISTS {t} CASCADE",
        "CREATE INDEX ON {t} (name)",
        "COMMENT ON TABLE {t} IS 'x'",
        "GRANT SELECT ON {t} TO PUBLIC",
        "REVOKE ALL ON {t} FROM PUBLIC",
        "CREATE VIEW corpus_v AS SELECT * FROM {t}",
        "CREATE POLICY corpus_pol ON {t} USING (true)",
        "ANALYZE {t}",
        "REINDEX TABLE {t}",
        "SELECT 1; DELETE FROM {t}",
        "SELECT 'x';UPDATE {t} SET name = 'q' WHERE id = 4",
    ];

    public static readonly string[] CopyIn =
    [
        "COPY {t} FROM STDIN",
        "COPY {t} (id, name) FROM STDIN WITH (FORMAT csv)",
        "COPY {t} FROM STDIN WHERE id > 100",
        "copy {t} from stdin",
    ];

    public static readonly string[] CopyOut =
    [
        "COPY {t} TO STDOUT",
        "COPY (SELECT id, name FROM {t} WHERE id < 3) TO STDOUT WITH CSV",
        "COPY {t} (id) TO STDOUT WITH (FORMAT binary)",
        "COPY (DELETE FROM {t} WHERE id = 1 RETURNING id) TO STDOUT",
        "COPY (SELECT nextval('app.seq')) TO STDOUT",
    ];

    public static readonly string[] Autocommit =
    [
        "VACUUM {t}",
        "VACUUM (ANALYZE) {t}",
        "CREATE INDEX CONCURRENTLY corpus_idx ON {t} (name)",
    ];
}
