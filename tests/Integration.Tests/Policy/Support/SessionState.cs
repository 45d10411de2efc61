using Npgsql;

namespace Warden.Integration.Tests.Policy.Support;

/// <summary>
/// What the gateway set up for a session and an escape would try to change: the upstream role (current and
/// session user), the read-only default, how texts are lexed (client encoding, standard_conforming_strings),
/// the search path, a marker an escape would set (application_name), SQL-level prepared statements and LISTENs.
/// Read through the edge, in the session itself, with a statement every rule allows.
/// </summary>
internal static class SessionState
{
    private const string Sql =
        "SELECT 'current_user=' || current_user || ', session_user=' || session_user"
        + " || ', default_transaction_read_only=' || current_setting('default_transaction_read_only')"
        + " || ', client_encoding=' || current_setting('client_encoding')"
        + " || ', standard_conforming_strings=' || current_setting('standard_conforming_strings')"
        + " || ', search_path=' || current_setting('search_path')"
        + " || ', application_name=' || current_setting('application_name')"
        + " || ', prepared=' || (SELECT count(*) FROM pg_prepared_statements WHERE from_sql)"
        + " || ', listening=' || (SELECT count(*) FROM pg_listening_channels())";

    public static async Task<string> CaptureAsync(SimpleQuerySession session)
    {
        var result = await session.QueryAsync(Sql);
        return result.Errors.Count == 0 && result.Rows.Count == 1
            ? result.Rows[0][0] ?? "(null)"
            : $"(session state unreadable: {result})";
    }

    public static async Task<string> CaptureAsync(NpgsqlConnection connection)
    {
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection);
            return (string?)await command.ExecuteScalarAsync() ?? "(null)";
        }
        catch (PostgresException e)
        {
            return $"(session state unreadable: {e.SqlState} {e.MessageText})";
        }
    }
}
