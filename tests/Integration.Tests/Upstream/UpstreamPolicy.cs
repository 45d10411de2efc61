using System.Globalization;
using System.Text;

namespace Warden.Integration.Tests.Upstream;

/// <summary>
/// The policy of the upstream-login tests: every <see cref="UpstreamTarget"/> on one server, each with a single
/// role <c>login</c>, and one read-only rule for group <c>ci</c> that covers them all.
/// </summary>
internal static class UpstreamPolicy
{
    public const string Group = "ci";
    public const string RuleName = "probe";

    /// <param name="passwords">The password the policy holds per target (letters and digits only).</param>
    public static string Create(string host, int port, string database, IReadOnlyDictionary<UpstreamTarget, string> passwords)
    {
        var yaml = new StringBuilder("targets:\n");
        foreach (var (target, password) in passwords)
        {
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                  {{target.Name}}:
                    host: "{{host}}"
                    port: {{port}}
                    database: {{database}}
                    tls: {{target.TlsMode}}
                    roles:
                      login: { user: {{target.User}}, password: "{{password}}" }

                """);
        }
        yaml.Append(CultureInfo.InvariantCulture, $"""
            identity:
              issuers: []
            access:
              - name: {RuleName}
                groups: [{Group}]
                role: login
                allow: [read, transaction, session]

            """);
        return yaml.ToString();
    }
}
