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

    /// <param name="targets">Each target with the port it points at and the password the policy holds (letters and digits only).</param>
    public static string Create(string host, string database, IEnumerable<(UpstreamTarget Target, int Port, string Password)> targets)
    {
        var yaml = new StringBuilder("targets:\n");
        foreach (var (target, port, password) in targets)
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
