namespace Warden.Recording.Tests.Fixtures;

/// <summary>One event of every kind, with realistic values, and a whole session's worth of them.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Start = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public static SessionOpened Opened(Guid sessionId) => new(
        sessionId, "alice", "https://issuer.example", ["agents", "ci"], "jti-123", Start.AddMinutes(15), "alice", "demo",
        "writer", "agents", "127.0.0.1:51234", "edge-1", "psql", 3, "strict");

    public static StatementRecorded Select(string sql = "SELECT id, email FROM customers LIMIT 2") => new(
        "simple", sql, null, "allow", "agents", ["read"], null, false, 3, Start.AddSeconds(1));

    public static StatementRecorded Extended() => new(
        "extended", "UPDATE customers SET name = $1 WHERE id = $2", [25u, 23u], "allow", "agents", ["write"], null, true, 3, Start.AddSeconds(2));

    public static StatementRecorded Denied() => new(
        "simple", "DROP TABLE customers", null, "deny", "agents", ["ddl", "destructive"], "ddl needs approval", false, 3, Start.AddSeconds(3));

    public static ResultRecorded Result() => new(
        "SELECT 2", 2, 3.25, ["id", "email"], [["1", "a***@example.com"], ["2", null]]);

    public static ErrorRecorded Error() => new("ERROR", "42501", "statement denied by rule agents");

    public static ApprovalRequested ApprovalRequested() => new("ap-1", "ALTER TABLE customers ADD COLUMN x int", ["ddl"], "hold");

    public static ApprovalDecided ApprovalDecided() => new("ap-1", "approved", "bob");

    public static SessionClosed Closed() => new("client terminated");

    public static RecordingSealed Seal(string finalHash) => new(finalHash, 9, false, "session closed");

    /// <summary>Every kind but the seal (which the recorder writes).</summary>
    public static RecordingEvent[] AllKinds(Guid sessionId) =>
    [
        Opened(sessionId), Select(), Result(), Extended(), Denied(), Error(), ApprovalRequested(), ApprovalDecided(), Closed(),
    ];
}
