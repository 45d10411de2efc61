using System.Diagnostics.CodeAnalysis;
using Warden.Policy.Loading;
using Warden.Policy.Secrets;

namespace Warden.Policy.Tests;

/// <summary>Policy texts and helpers shared by the tests.</summary>
internal static class TestPolicies
{
    /// <summary>The example of DESIGN §6 "Policy file (YAML)", verbatim.</summary>
    public const string DesignExample = """
        targets:
          demo:                                  # the dbname clients connect with
            host: 127.0.0.1
            port: 5432
            database: demo
            tls: disable                         # disable | require | verify-full
            roles:                               # upstream logins held by the gateway
              reader: { user: demo_reader, password: "${env:DEMO_READER_PASSWORD}" }
              writer: { user: demo_writer, password: "${file:/run/secrets/writer}" }
        identity:
          issuers:
            - issuer: https://token.actions.githubusercontent.com
              audience: warden
              groupsClaim: groups
        access:                                  # first match wins; no match refuses the connection
          - name: ci-read
            groups: [ci]
            targets: [demo]
            role: reader
            allow: [read, transaction, session]
          - name: agents
            groups: [agents]
            role: writer
            allow: [read, write, transaction, session]
            approve: [ddl, dcl, destructive]
            deny: [admin]
            objects:                             # per relation touched; the last matching entry decides
              - match: billing.*                 # schema.table with * wildcards
                deny: [write, ddl, destructive]
              - match: scratch.*
                allow: [ddl, destructive]
        masking:
          columns:
            public.customers.email: partial      # redact | null | partial | hash
            public.customers.ssn: redact
          detectors: [email, credit_card, ssn]   # content-based masking of any text value
          exemptGroups: [dba]
        approvals:
          approverGroups: [dba]
          mode: hold                             # hold | deferred
          timeout: 10m
        recording:
          durability: strict                     # strict | batched
          results: masked                        # none | masked
        """;

    /// <summary>A small valid policy; tests add or change lines to provoke one error at a known line.</summary>
    public const string Minimal = """
        targets:
          db:
            host: db.internal
            database: app
            roles:
              reader: { user: app_reader, password: literal-pw }
        access:
          - name: readers
            groups: [ci]
            role: reader
            allow: [read]
        """ + "\n";

    /// <summary>1-based line of the first occurrence of <paramref name="text"/>: where the loader should point.</summary>
    public static int LineOf(string yaml, string text)
    {
        var index = yaml.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' is not in the test policy");
        return yaml[..index].Count(c => c == '\n') + 1;
    }

    public static PolicySnapshot LoadValid(string yaml, ISecretResolver? secrets = null)
    {
        var result = PolicyLoader.Load(yaml, secrets: secrets ?? new FakeSecrets());
        Assert.True(result.Succeeded, result.Describe());
        return result.Snapshot;
    }

    public static IReadOnlyList<PolicyError> LoadErrors(string yaml, ISecretResolver? secrets = null)
    {
        var result = PolicyLoader.Load(yaml, secrets: secrets ?? new FakeSecrets());
        Assert.False(result.Succeeded);
        Assert.Null(result.Snapshot);
        Assert.NotEmpty(result.Errors);
        return result.Errors;
    }

    /// <summary>The single error whose message contains <paramref name="fragment"/>.</summary>
    public static PolicyError Single(IReadOnlyList<PolicyError> errors, string fragment) =>
        Assert.Single(errors, e => e.Message.Contains(fragment, StringComparison.Ordinal));
}

/// <summary>Resolves references from a dictionary keyed by reference text, and remembers what was asked.</summary>
internal sealed class FakeSecrets(params (string Reference, string Value)[] values) : ISecretResolver
{
    private readonly Dictionary<string, string> _values = values.ToDictionary(v => v.Reference, v => v.Value);

    public List<SecretReference> Requested { get; } = [];

    public bool TryResolve(SecretReference reference, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? failure)
    {
        Requested.Add(reference);
        failure = _values.TryGetValue(reference.Text, out value) ? null : "not known to the test";
        return value is not null;
    }
}
