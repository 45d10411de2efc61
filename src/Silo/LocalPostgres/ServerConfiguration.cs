using System.Globalization;
using System.Text;

namespace Warden.Silo.LocalPostgres;

/// <summary>Writes the configuration a throwaway server needs on top of what initdb produced.</summary>
internal static class ServerConfiguration
{
    internal const string LoopbackAddress = "127.0.0.1";

    /// <summary>Appends to postgresql.conf: later lines win, so initdb's defaults need no editing.</summary>
    internal static void AppendSettings(string dataDirectory, string socketDirectory, ThrowawayPostgresOptions options)
    {
        var settings = new Dictionary<string, string>
        {
            ["listen_addresses"] = $"'{LoopbackAddress}'",
            ["unix_socket_directories"] = PgSql.Literal(socketDirectory),
            ["max_connections"] = options.MaxConnections.ToString(CultureInfo.InvariantCulture),
            ["password_encryption"] = "'scram-sha-256'",
            // Durability is worthless for a server deleted at the end of the run; speed is not.
            ["fsync"] = "off",
            ["synchronous_commit"] = "off",
            ["full_page_writes"] = "off",
            ["shared_buffers"] = "'64MB'",
            ["max_wal_size"] = "'1GB'",
            ["checkpoint_timeout"] = "'30min'",
            ["log_min_messages"] = "warning",
            ["log_connections"] = "off",
        };
        foreach (var (name, value) in options.ServerSettings)
        {
            settings[name] = value;
        }

        var text = new StringBuilder("\n# Added by Warden's ThrowawayPostgres.\n");
        foreach (var (name, value) in settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} = {value}\n");
        }

        File.AppendAllText(Path.Combine(dataDirectory, "postgresql.conf"), text.ToString());
    }

    /// <summary>
    /// Replaces pg_hba.conf: the unix socket (in a 0700 directory) trusts local tools; TCP, only on
    /// loopback, requires a password by the configured methods. Extra rules come first so they win.
    /// </summary>
    internal static void WriteHba(string dataDirectory, ThrowawayPostgresOptions options)
    {
        var text = new StringBuilder("# Written by Warden's ThrowawayPostgres.\n");
        text.Append("local   all          all                                trust\n");
        foreach (var rule in options.ExtraHbaRules)
        {
            text.Append(rule.ToHbaLine($"{LoopbackAddress}/32")).Append('\n');
        }

        text.Append(new PgHbaRule("all", "all", options.DefaultHostAuthMethod).ToHbaLine($"{LoopbackAddress}/32")).Append('\n');
        File.WriteAllText(Path.Combine(dataDirectory, "pg_hba.conf"), text.ToString());
    }
}
