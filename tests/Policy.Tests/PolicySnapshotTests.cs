using Warden.Policy.Loading;

namespace Warden.Policy.Tests;

public sealed class PolicySnapshotTests
{
    private const string Yaml = """
        targets:
          prod:
            host: prod.internal
            database: app
            roles:
              reader: { user: r, password: pw }
              writer: { user: w, password: pw }
          staging:
            host: staging.internal
            database: app
            roles:
              reader: { user: r, password: pw }
              writer: { user: w, password: pw }
        access:
          - name: nobody
            role: writer
            allow: [read, write, ddl]
          - name: alice-prod
            subjects: [alice]
            targets: [prod]
            role: writer
            allow: [read, write]
          - name: ci-staging
            groups: [ci]
            targets: [staging]
            role: writer
            allow: [read, write]
          - name: ci-anywhere
            groups: [ci, qa]
            role: reader
            allow: [read]
        """;

    private static readonly PolicySnapshot Policy = TestPolicies.LoadValid(Yaml);

    [Theory]
    [InlineData("alice", "", "prod", "alice-prod")]
    [InlineData("alice", "ci", "prod", "alice-prod")]        // earlier rule wins over a later group match
    [InlineData("alice", "ci", "staging", "ci-staging")]     // alice-prod does not cover staging
    [InlineData("bob", "ci", "staging", "ci-staging")]
    [InlineData("bob", "ci", "prod", "ci-anywhere")]
    [InlineData("bob", "other,qa", "prod", "ci-anywhere")]   // any one group is enough
    [InlineData("bob", "", "prod", null)]
    [InlineData("bob", "CI", "prod", null)]                  // groups compare exactly
    [InlineData("ALICE", "", "prod", null)]
    [InlineData("alice", "ci", "unknown-target", null)]
    public void MatchRule_CallerAndTarget_FirstMatchingRuleWins(string subject, string groups, string target, string? expectedRule)
    {
        var rule = Policy.MatchRule(subject, groups.Split(',', StringSplitOptions.RemoveEmptyEntries), target);

        Assert.Equal(expectedRule, rule?.Name);
    }

    [Fact]
    public void MatchRule_RuleWithoutGroupsOrSubjects_NeverMatches()
    {
        foreach (var target in new[] { "prod", "staging" })
        {
            Assert.NotEqual("nobody", Policy.MatchRule("nobody", ["nobody", "ci"], target)?.Name);
        }
        Assert.Null(Policy.MatchRule(string.Empty, [], "prod"));
    }

    [Fact]
    public void WithVersion_NewNumber_KeepsContentAndLeavesOriginal()
    {
        var next = Policy.WithVersion(7);

        Assert.Equal(7, next.Version);
        Assert.Equal(0, Policy.Version);
        Assert.Equal(Policy.Access, next.Access);
        Assert.Equal("policy v7 (2 targets, 4 access rules)", next.ToString());
    }

    [Fact]
    public void FindTarget_ByExactName_ReturnsTargetOrNull()
    {
        Assert.Equal("staging.internal", Policy.FindTarget("staging")!.Host);
        Assert.Null(Policy.FindTarget("Staging"));
    }

    [Fact]
    public void ToRedactedYaml_DesignExample_LoadsBackToTheSamePolicy()
    {
        var secrets = new FakeSecrets(("${env:DEMO_READER_PASSWORD}", "r"), ("${file:/run/secrets/writer}", "w"));
        var original = TestPolicies.LoadValid(TestPolicies.DesignExample, secrets);

        var redacted = original.ToRedactedYaml();
        var reloaded = PolicyLoader.Load(redacted, secrets: secrets);

        Assert.True(reloaded.Succeeded, reloaded.Describe() + "\n" + redacted);
        Assert.Equal(redacted, reloaded.Snapshot.ToRedactedYaml());
        Assert.Contains("timeout: 10m", redacted, StringComparison.Ordinal);
        Assert.Contains("allow: [read, write, transaction, session]", redacted, StringComparison.Ordinal);
        Assert.Equal("w", reloaded.Snapshot.Targets[0].FindRole("writer")!.Password.Reveal());
    }

    [Fact]
    public void ToRedactedYaml_DefaultsOmittedInFile_AreSpelledOut()
    {
        var redacted = TestPolicies.LoadValid(TestPolicies.Minimal).ToRedactedYaml();

        Assert.Contains("port: 5432", redacted, StringComparison.Ordinal);
        Assert.Contains("tls: require", redacted, StringComparison.Ordinal);
        Assert.Contains("mode: hold", redacted, StringComparison.Ordinal);
        Assert.Contains("durability: strict", redacted, StringComparison.Ordinal);
        Assert.Contains("password: '***'", redacted, StringComparison.Ordinal);
    }
}
