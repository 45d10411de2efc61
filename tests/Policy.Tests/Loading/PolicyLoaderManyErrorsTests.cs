using Warden.Policy.Secrets;
using static Warden.Policy.Tests.TestPolicies;

namespace Warden.Policy.Tests.Loading;

public sealed class PolicyLoaderManyErrorsTests
{
    [Fact]
    public void Load_ProblemsInEverySection_ReportsAllAtOnceInLineOrder()
    {
        var yaml = """
            targets:
              db:
                host: db.internal
                port: 0
                database: app
                tls: sometimes
                roles:
                  reader: { user: r, password: "${env:NOT_A_SET_VARIABLE_9F2C}" }
            identity:
              issuers:
                - issuer: https://issuer.example
            access:
              - name: one
                groups: [ci]
                role: reader
                alow: [read]
              - name: one
                groups: [qa]
                targets: [db, nowhere]
                role: admin
                allow: [read, everything]
                objects:
                  - match: billing
            masking:
              columns:
                customers.email: partial
            approvals:
              timeout: soon
            recording:
              durability: maybe
            """;

        var errors = LoadErrors(yaml, new DefaultSecretResolver());

        Assert.Equal(
            [
                (4, "'0' is not a whole number from 1 to 65535"),
                (6, "'sometimes' is not one of disable | require | verify-full"),
                (8, "cannot resolve secret ${env:NOT_A_SET_VARIABLE_9F2C}: the environment variable is not set"),
                (11, "missing required key 'audience'"),
                (16, "unknown key 'alow'; did you mean 'allow'?"),
                (17, "duplicate rule name 'one' (first at line 13)"),
                (19, "unknown target 'nowhere'"),
                (20, "unknown role 'admin' on target 'db'"),
                (21, "unknown statement class 'everything'; classes are read, write, ddl, dcl, destructive, admin, transaction, session, unknown"),
                (23, "invalid match pattern 'billing': expected schema.table, e.g. billing.* or public.orders"),
                (26, "invalid column 'customers.email': expected schema.table.column, e.g. public.customers.email"),
                (28, "invalid duration 'soon': use a number with a unit (s, m, h, d), e.g. 30s, 10m, 1h30m; at most 30d"),
                (30, "'maybe' is not one of strict | batched"),
            ],
            errors.Select(e => (e.Line, e.Message)).ToArray());
    }

    [Fact]
    public void Load_SecondRuleInvalid_DoesNotHideDuplicateNameOfThird()
    {
        var yaml = Minimal + """
              - name: broken
                role: reader
                allow: [nonsense]
              - name: readers
                groups: [x]
                role: reader
            """;

        var errors = LoadErrors(yaml);

        Assert.Equal(2, errors.Count);
        Single(errors, "unknown statement class 'nonsense'");
        Single(errors, "duplicate rule name 'readers'");
    }

    [Fact]
    public void Describe_SeveralErrors_OneLineEachWithSourcePath()
    {
        var result = Warden.Policy.Loading.PolicyLoader.Load("targets: 5\naccess: 6\n", secrets: new FakeSecrets());

        var lines = result.Describe("policy.yaml").Split(Environment.NewLine);

        Assert.Equal(
            [
                "policy.yaml: line 1, column 10 (targets): expected a mapping of keys to values, found a single value",
                "policy.yaml: line 2, column 9 (access): expected a list of rules, found a single value",
            ],
            lines);
    }
}
