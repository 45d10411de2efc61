using System.Globalization;
using System.Text;
using Warden.Policy.Secrets;

namespace Warden.Policy.Demo;

/// <summary>
/// The policy of <c>--demo</c>: one throwaway target <c>demo</c> and three groups.
/// <list type="bullet">
/// <item><c>ci</c> (rule <c>ci-read</c>, role reader): read, transaction, session; the session is opened read-only.</item>
/// <item><c>agents</c> (rule <c>agents</c>, role writer): read, write, transaction, session; ddl, dcl and destructive need approval; admin denied.</item>
/// <item><c>dba</c> (rule <c>dba</c>, role writer): read, write, ddl, destructive, transaction, session; dcl and admin need
/// approval, because privilege and server changes outlive the session and deserve a second pair of eyes even from a DBA.</item>
/// </list>
/// Rules go from least to most privileged, so a caller in several groups gets the narrowest matching rule.
/// <c>dba</c> approves, and sees unmasked values.
/// </summary>
public static class DemoPolicy
{
    public const string TargetName = "demo";
    public const string Database = "demo";
    public const string ReaderRole = "reader";
    public const string WriterRole = "writer";
    public const string ReaderUser = "demo_reader";
    public const string WriterUser = "demo_writer";

    /// <summary>
    /// The policy YAML with the throwaway server's address and the passwords it was given filled in, as literals:
    /// a password that happens to start with <c>${</c> is escaped, never read as a secret reference.
    /// </summary>
    public static string Create(string host, int port, string readerPassword, string writerPassword)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentException.ThrowIfNullOrEmpty(readerPassword);
        ArgumentException.ThrowIfNullOrEmpty(writerPassword);
        return Template
            .Replace("{host}", Quote(host), StringComparison.Ordinal)
            .Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{readerPassword}", Quote(SecretReference.EscapeLiteral(readerPassword)), StringComparison.Ordinal)
            .Replace("{writerPassword}", Quote(SecretReference.EscapeLiteral(writerPassword)), StringComparison.Ordinal);
    }

    /// <summary>A YAML double-quoted scalar, so any password (quotes, '#', ': ', line breaks) is taken literally.</summary>
    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' or '\u007f' => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }
        return builder.Append('"').ToString();
    }

    private const string Template = """
        # Demo policy: a throwaway local PostgreSQL, so TLS to it is off.
        targets:
          demo:
            host: {host}
            port: {port}
            database: demo
            tls: disable
            roles:
              reader: { user: demo_reader, password: {readerPassword} }
              writer: { user: demo_writer, password: {writerPassword} }
        identity:
          issuers: []                      # the demo trusts its development token issuer only
        access:
          - name: ci-read
            groups: [ci]
            targets: [demo]
            role: reader
            allow: [read, transaction, session]
          - name: agents
            groups: [agents]
            targets: [demo]
            role: writer
            allow: [read, write, transaction, session]
            approve: [ddl, dcl, destructive]
            deny: [admin]
          - name: dba
            groups: [dba]
            targets: [demo]
            role: writer
            allow: [read, write, ddl, destructive, transaction, session]
            approve: [dcl, admin]
        masking:
          columns:
            public.customers.email: partial
            public.customers.ssn: redact
            public.customers.card_number: redact
          detectors: [email, credit_card, ssn]
          exemptGroups: [dba]
        approvals:
          approverGroups: [dba]
          mode: hold
          timeout: 10m
        recording:
          durability: strict
          results: masked
        """;
}
