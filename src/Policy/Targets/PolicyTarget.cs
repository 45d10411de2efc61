using System.Collections.Immutable;

namespace Warden.Policy.Targets;

/// <summary>An upstream PostgreSQL database; <see cref="Name"/> is the dbname clients connect with.</summary>
public sealed class PolicyTarget
{
    /// <summary>PostgreSQL's default port, used when a target omits <c>port</c>.</summary>
    public const int DefaultPort = 5432;

    /// <summary>Used when a target omits <c>tls</c>; see <see cref="TargetTls"/> for why.</summary>
    public const TargetTls DefaultTls = TargetTls.Require;

    internal PolicyTarget(string name, string host, int port, string database, TargetTls tls, ImmutableArray<TargetRole> roles)
    {
        Name = name;
        Host = host;
        Port = port;
        Database = database;
        Tls = tls;
        Roles = roles;
    }

    public string Name { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The database name on the upstream server (may differ from <see cref="Name"/>).</summary>
    public string Database { get; }

    public TargetTls Tls { get; }

    /// <summary>In file order.</summary>
    public ImmutableArray<TargetRole> Roles { get; }

    public TargetRole? FindRole(string name)
    {
        foreach (var role in Roles)
        {
            if (string.Equals(role.Name, name, StringComparison.Ordinal))
            {
                return role;
            }
        }
        return null;
    }

    public override string ToString() => $"{Name} → {Host}:{Port}/{Database} (tls {Tls})";
}
