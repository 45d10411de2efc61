using Warden.Protocol;
using Warden.Sql;

namespace Warden.Edge.Connections;

/// <summary>
/// Decides which client startup parameters reach the upstream server. PostgreSQL treats every unknown
/// startup parameter, and every "-c name=value" in options, as a setting to apply at login, so passing
/// them blindly would let a client set role, session_authorization or default_transaction_read_only.
/// Only settings on an allow-list pass; anything else refuses the connection with a clear message.
/// standard_conforming_strings is not on it: turned off, it changes where string literals end, so the
/// server would split statements where the gateway's analysis does not.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-STARTUPMESSAGE
/// </summary>
internal static class StartupPolicy
{
    /// <summary>Formatting and timeout settings a client may choose. Nothing here changes privileges or read-only state.</summary>
    private static readonly HashSet<string> PassThroughSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_encoding", "datestyle", "timezone", "intervalstyle", "extra_float_digits", "search_path",
        "statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout", "bytea_output",
        "client_min_messages", "geqo", "jit", "work_mem", "lc_messages",
    };

    /// <summary>Parameters the gateway handles itself and never forwards as given.</summary>
    private static readonly HashSet<string> GatewayParameters = new(StringComparer.Ordinal)
    {
        "user", "database", "application_name", "options", "replication",
    };

    /// <summary>
    /// The settings to forward upstream, or a refusal (SQLSTATE and message) when a parameter is not allowed.
    /// </summary>
    public static StartupDecision Evaluate(IReadOnlyDictionary<string, string> parameters)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (parameters.TryGetValue("replication", out var replication) && !IsFalse(replication))
        {
            return StartupDecision.Refuse(SqlStates.InsufficientPrivilege, "replication connections are not allowed through Warden");
        }
        foreach (var (name, value) in parameters)
        {
            if (GatewayParameters.Contains(name) || name.StartsWith("_pq_.", StringComparison.Ordinal))
            {
                continue;
            }
            var refusal = Accept(name, value, settings);
            if (refusal is not null)
            {
                return refusal;
            }
        }
        if (parameters.TryGetValue("options", out var options))
        {
            var (pairs, error) = CommandLineOptions.Parse(options);
            if (error is not null)
            {
                return StartupDecision.Refuse(SqlStates.InsufficientPrivilege, error);
            }
            foreach (var (name, value) in pairs)
            {
                if (Accept(name, value, settings) is { } refusal)
                {
                    return refusal;
                }
            }
        }
        return StartupDecision.Forward(settings);
    }

    private static StartupDecision? Accept(string name, string value, Dictionary<string, string> settings)
    {
        var normalized = name.Replace('-', '_');
        if (!PassThroughSettings.Contains(normalized))
        {
            return StartupDecision.Refuse(SqlStates.InsufficientPrivilege, $"startup setting \"{name}\" is not allowed through Warden");
        }
        if (normalized.Equals("client_encoding", StringComparison.OrdinalIgnoreCase) && !ClientEncodings.IsAsciiSafe(value))
        {
            return StartupDecision.Refuse(SqlStates.FeatureNotSupported, $"client encoding \"{value}\" is not supported through Warden; use UTF8");
        }
        settings[normalized] = value;
        return null;
    }

    private static bool IsFalse(string value) =>
        value is "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase)
            || value.Equals("off", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Either the settings to send upstream, or why the connection is refused.</summary>
internal sealed record StartupDecision(IReadOnlyDictionary<string, string> Settings, string? RefusalState, string? RefusalMessage)
{
    public static StartupDecision Forward(IReadOnlyDictionary<string, string> settings) => new(settings, null, null);

    public static StartupDecision Refuse(string sqlState, string message) =>
        new(new Dictionary<string, string>(), sqlState, message);

    public bool Refused => RefusalMessage is not null;
}
