using System.Diagnostics;
using Warden.Sql;

// A mix of what agents and CI jobs send: short reads, DML, a CTE, a transaction, and a long query.
string[] statements =
[
    "SELECT 1",
    "SELECT id, name, email FROM customers WHERE id = $1",
    "select count(*), lower(name), now() from orders o join customers c on c.id = o.customer_id where o.created_at > now() - interval '1 day' group by 2",
    "INSERT INTO orders (customer_id, amount, note) VALUES ($1, $2, 'created by agent') RETURNING id",
    "UPDATE orders SET status = 'shipped' WHERE id = $1",
    "DELETE FROM sessions WHERE expires_at < now()",
    "WITH moved AS (DELETE FROM queue WHERE id IN (SELECT id FROM queue ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED) RETURNING *) INSERT INTO done SELECT * FROM moved",
    "BEGIN; SELECT * FROM accounts WHERE id = 1 FOR UPDATE; UPDATE accounts SET balance = balance - 10 WHERE id = 1; COMMIT",
    "SET search_path TO app, public",
    "/* generated */ SELECT \"Customer\".\"Name\", E'tab\\there', $$dollar; quoted$$ FROM \"Customer\" -- trailing",
    "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM big_table WHERE x BETWEEN 1 AND 100",
    string.Concat(Enumerable.Repeat("SELECT a.id, b.name, coalesce(c.total, 0) FROM a JOIN b ON a.id = b.a_id LEFT JOIN c ON c.b_id = b.id WHERE a.flag AND b.kind IN ('x', 'y', 'z') UNION ALL ", 5)) + "SELECT 1, 'x', 0",
];
var statementCount = statements.Sum(s => SqlAnalyzer.Analyze(s).Statements.Count);
var totalChars = statements.Sum(s => s.Length);

const int warmup = 20_000;
for (var i = 0; i < warmup; i++)
{
    SqlAnalyzer.Analyze(statements[i % statements.Length]);
}

// Analyze includes the relation scan (SqlStatement.Relations, issue 5); the checksum reads its results
// so the figures always cover it. CPU time is reported beside wall time: on a shared machine it is the
// steadier of the two (it still includes the runtime's own threads, such as the GC's).
const int rounds = 200_000;
var process = Process.GetCurrentProcess();
var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
var cpuBefore = process.TotalProcessorTime;
var stopwatch = Stopwatch.StartNew();
var sink = 0;
for (var i = 0; i < rounds; i++)
{
    foreach (var sql in statements)
    {
        sink += Checksum(SqlAnalyzer.Analyze(sql));
    }
}
stopwatch.Stop();
process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;
var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
var analyzed = (double)rounds * statementCount;

Console.WriteLine($"{statements.Length} query texts, {statementCount} statements, {totalChars} chars per round, {rounds:N0} rounds (checksum {sink})");
Console.WriteLine($"  {stopwatch.Elapsed.TotalNanoseconds / analyzed:F0} ns/statement, {stopwatch.Elapsed.TotalNanoseconds / ((double)rounds * totalChars):F1} ns/char (wall); {cpu.TotalNanoseconds / analyzed:F0} ns/statement CPU");
Console.WriteLine($"  {allocated / analyzed:F0} bytes allocated/statement");
foreach (var sql in statements)
{
    const int n = 50_000;
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        SqlAnalyzer.Analyze(sql);
    }
    watch.Stop();
    var relations = SqlAnalyzer.Analyze(sql).Statements.Sum(s => s.Relations.Count);
    var label = sql.Length > 60 ? sql[..57] + "..." : sql;
    Console.WriteLine($"  {watch.Elapsed.TotalNanoseconds / n,8:F0} ns {(GC.GetAllocatedBytesForCurrentThread() - before) / n,6} B {relations,2} rel  {label.ReplaceLineEndings(" ")}");
}

static int Checksum(SqlAnalysis analysis)
{
    var sum = (int)analysis.Classes;
    foreach (var statement in analysis.Statements)
    {
        sum += statement.Relations.Count + (int)statement.UnattributedClasses;
    }
    return sum;
}
