using Warden.Policy.Approvals;
using Warden.Policy.Identity;
using Warden.Policy.Loading;
using Warden.Policy.Masking;
using Warden.Policy.Recording;
using Warden.Policy.Secrets;
using Warden.Policy.Targets;
using Warden.Sql;

namespace Warden.Policy.Tests.Loading;

public sealed class PolicyLoaderTests
{
    [Fact]
    public void Load_DesignExampleWithRealEnvironmentAndFile_LoadsEverySection()
    {
        using var secretFile = new TempDirectory();
        var writerPath = secretFile.Write("writer", "writer-secret\n");
        const string EnvName = "DEMO_READER_PASSWORD";
        Environment.SetEnvironmentVariable(EnvName, "reader-secret");
        try
        {
            var yaml = TestPolicies.DesignExample.Replace("/run/secrets/writer", writerPath, StringComparison.Ordinal);

            var result = PolicyLoader.Load(yaml);

            Assert.True(result.Succeeded, result.Describe());
            var policy = result.Snapshot;
            var target = Assert.Single(policy.Targets);
            Assert.Equal(("demo", "127.0.0.1", 5432, "demo", TargetTls.Disable), (target.Name, target.Host, target.Port, target.Database, target.Tls));
            Assert.Equal(["reader", "writer"], target.Roles.Select(r => r.Name));
            Assert.Equal("demo_reader", target.FindRole("reader")!.User.Reveal());
            Assert.Equal("reader-secret", target.FindRole("reader")!.Password.Reveal());
            Assert.Equal("writer-secret", target.FindRole("writer")!.Password.Reveal());
            Assert.Equal(new TrustedIssuer("https://token.actions.githubusercontent.com", "warden", "groups"), Assert.Single(policy.Identity.Issuers));
            AssertDesignAccessRules(policy);
            AssertDesignOtherSections(policy);
            Assert.Equal(0, policy.Version);
        }
        finally
        {
            Environment.SetEnvironmentVariable(EnvName, null);
        }
    }

    [Fact]
    public void Load_DesignExampleVerbatim_AsksResolverForEachReference()
    {
        var secrets = new FakeSecrets(("${env:DEMO_READER_PASSWORD}", "r"), ("${file:/run/secrets/writer}", "w"));

        var policy = TestPolicies.LoadValid(TestPolicies.DesignExample, secrets);

        Assert.Equal(
            [new SecretReference(SecretSource.Environment, "DEMO_READER_PASSWORD"), new SecretReference(SecretSource.File, "/run/secrets/writer")],
            secrets.Requested);
        Assert.Equal("w", policy.FindTarget("demo")!.FindRole("writer")!.Password.Reveal());
        AssertDesignAccessRules(policy);
    }

    [Fact]
    public void Load_OptionalKeysOmitted_UsesDocumentedDefaults()
    {
        var policy = TestPolicies.LoadValid(TestPolicies.Minimal + """
            identity:
              issuers:
                - issuer: https://issuer.example
                  audience: warden
            """);

        var target = Assert.Single(policy.Targets);
        Assert.Equal(PolicyTarget.DefaultPort, target.Port);
        Assert.Equal(5432, target.Port);
        Assert.Equal(TargetTls.Require, target.Tls);
        Assert.Equal("groups", Assert.Single(policy.Identity.Issuers).GroupsClaim);
        Assert.Empty(policy.Masking.Columns);
        Assert.Empty(policy.Masking.Detectors);
        Assert.Empty(policy.Approvals.ApproverGroups);
        Assert.Equal((ApprovalMode.Hold, TimeSpan.FromMinutes(10)), (policy.Approvals.Mode, policy.Approvals.Timeout));
        Assert.Equal((RecordingDurability.Strict, RecordedResults.Masked), (policy.Recording.Durability, policy.Recording.Results));
        var rule = Assert.Single(policy.Access);
        Assert.True(rule.Targets.IsEmpty);
        Assert.True(rule.Subjects.IsEmpty);
        Assert.True(rule.Objects.IsEmpty);
    }

    [Fact]
    public void Load_IdentityOmitted_TrustsNoIssuer()
    {
        var policy = TestPolicies.LoadValid(TestPolicies.Minimal);

        Assert.Empty(policy.Identity.Issuers);
    }

    [Fact]
    public void Load_EmptyAccessList_LoadsAndMatchesNobody()
    {
        var policy = TestPolicies.LoadValid(TestPolicies.Minimal[..TestPolicies.Minimal.IndexOf("access:", StringComparison.Ordinal)] + "access: []\n");

        Assert.Empty(policy.Access);
        Assert.Null(policy.MatchRule("alice", ["ci"], "db"));
    }

    [Fact]
    public void LoadFile_RelativeFileReference_ResolvesFromPolicyFolder()
    {
        using var folder = new TempDirectory();
        folder.Write("reader.pw", "from-file\r\n");
        var policyPath = folder.Write("policy.yaml", TestPolicies.Minimal.Replace("literal-pw", "\"${file:reader.pw}\"", StringComparison.Ordinal));

        var result = PolicyLoader.LoadFile(policyPath);

        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("from-file", result.Snapshot.Targets[0].Roles[0].Password.Reveal());
    }

    [Fact]
    public void LoadFile_MissingPolicyFile_ReturnsErrorInsteadOfThrowing()
    {
        var result = PolicyLoader.LoadFile(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.yaml"));

        var error = Assert.Single(result.Errors);
        Assert.Contains("cannot read policy file", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Line);
    }

    [Fact]
    public void Load_UserNameFromEnvironment_IsResolved()
    {
        var yaml = TestPolicies.Minimal.Replace("user: app_reader", "user: \"${env:APP_USER}\"", StringComparison.Ordinal);

        var policy = TestPolicies.LoadValid(yaml, new FakeSecrets(("${env:APP_USER}", "resolved_user")));

        Assert.Equal("resolved_user", policy.Targets[0].Roles[0].User.Reveal());
    }

    [Fact]
    public void Load_MaskingMethodNull_IsTheMethodNotYamlNull()
    {
        var policy = TestPolicies.LoadValid(TestPolicies.Minimal + """
            masking:
              columns:
                public.customers.phone: null
                public.customers.card: hash
            """);

        Assert.Equal(
            [new MaskedColumn("public", "customers", "phone", MaskingMethod.Null), new MaskedColumn("public", "customers", "card", MaskingMethod.Hash)],
            policy.Masking.Columns.ToArray());
    }

    [Fact]
    public void Load_AliasOfAnchoredList_IsFollowed()
    {
        var yaml = TestPolicies.Minimal.Replace("groups: [ci]", "groups: &readers [ci, qa]", StringComparison.Ordinal) + """
              - name: second
                groups: *readers
                role: reader
                allow: [read]
            """;

        var policy = TestPolicies.LoadValid(yaml);

        Assert.Equal(["ci", "qa"], policy.Access[1].Groups.ToArray());
    }

    [Fact]
    public void Load_CompoundDurationAndDeferredMode_AreRead()
    {
        var policy = TestPolicies.LoadValid(TestPolicies.Minimal + """
            approvals:
              approverGroups: [dba, sre]
              mode: deferred
              timeout: 1h30m
            recording:
              durability: batched
              results: none
            """);

        Assert.Equal((ApprovalMode.Deferred, TimeSpan.FromMinutes(90)), (policy.Approvals.Mode, policy.Approvals.Timeout));
        Assert.True(policy.Approvals.IsApprover(["sre"]));
        Assert.False(policy.Approvals.IsApprover(["ci"]));
        Assert.Equal((RecordingDurability.Batched, RecordedResults.None), (policy.Recording.Durability, policy.Recording.Results));
    }

    private static void AssertDesignAccessRules(PolicySnapshot policy)
    {
        Assert.Equal(["ci-read", "agents"], policy.Access.Select(r => r.Name));
        var ci = policy.Access[0];
        Assert.Equal(["ci"], ci.Groups.ToArray());
        Assert.Equal(["demo"], ci.Targets.ToArray());
        Assert.Equal("reader", ci.Role);
        Assert.Equal(StatementClasses.Read | StatementClasses.Transaction | StatementClasses.Session, ci.Allow);
        var agents = policy.Access[1];
        Assert.True(agents.Targets.IsEmpty);
        Assert.Equal(StatementClasses.Ddl | StatementClasses.Dcl | StatementClasses.Destructive, agents.Approve);
        Assert.Equal(StatementClasses.Admin, agents.Deny);
        Assert.Equal(["billing.*", "scratch.*"], agents.Objects.Select(o => o.Match.Text));
        Assert.Equal(StatementClasses.Write | StatementClasses.Ddl | StatementClasses.Destructive, agents.Objects[0].Deny);
        Assert.Equal(StatementClasses.Ddl | StatementClasses.Destructive, agents.Objects[1].Allow);
    }

    private static void AssertDesignOtherSections(PolicySnapshot policy)
    {
        Assert.Equal(
            [new MaskedColumn("public", "customers", "email", MaskingMethod.Partial), new MaskedColumn("public", "customers", "ssn", MaskingMethod.Redact)],
            policy.Masking.Columns.ToArray());
        Assert.Equal([MaskingDetector.Email, MaskingDetector.CreditCard, MaskingDetector.Ssn], policy.Masking.Detectors.ToArray());
        Assert.True(policy.Masking.IsExempt(["x", "dba"]));
        Assert.Equal(["dba"], policy.Approvals.ApproverGroups.ToArray());
        Assert.Equal((ApprovalMode.Hold, TimeSpan.FromMinutes(10)), (policy.Approvals.Mode, policy.Approvals.Timeout));
        Assert.Equal((RecordingDurability.Strict, RecordedResults.Masked), (policy.Recording.Durability, policy.Recording.Results));
    }
}
