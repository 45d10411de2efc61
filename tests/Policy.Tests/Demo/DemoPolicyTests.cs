using Warden.Policy.Access;
using Warden.Policy.Demo;
using Warden.Policy.Loading;
using Warden.Policy.Masking;
using Warden.Policy.Secrets;
using Warden.Policy.Targets;
using C = Warden.Sql.StatementClasses;

namespace Warden.Policy.Tests.Demo;

public sealed class DemoPolicyTests
{
    private static PolicySnapshot Load(string readerPassword = "reader-pw", string writerPassword = "writer-pw")
    {
        // The default resolver: the demo policy must not depend on any environment variable or file.
        var result = PolicyLoader.Load(DemoPolicy.Create("127.0.0.1", 54329, readerPassword, writerPassword), secrets: new DefaultSecretResolver());
        Assert.True(result.Succeeded, result.Describe());
        return result.Snapshot;
    }

    [Fact]
    public void Create_LoadsThroughOwnLoader_WithHostPortAndPasswordsFilledIn()
    {
        var target = Assert.Single(Load().Targets);

        Assert.Equal((DemoPolicy.TargetName, "127.0.0.1", 54329, DemoPolicy.Database, TargetTls.Disable), (target.Name, target.Host, target.Port, target.Database, target.Tls));
        Assert.Equal((DemoPolicy.ReaderUser, "reader-pw"), (target.FindRole(DemoPolicy.ReaderRole)!.User.Reveal(), target.FindRole(DemoPolicy.ReaderRole)!.Password.Reveal()));
        Assert.Equal((DemoPolicy.WriterUser, "writer-pw"), (target.FindRole(DemoPolicy.WriterRole)!.User.Reveal(), target.FindRole(DemoPolicy.WriterRole)!.Password.Reveal()));
    }

    [Theory]
    [InlineData("p\"w'#: ${env:X} \\ end")]
    [InlineData("${file:/etc/shadow}")]
    [InlineData("line\nbreak\ttab")]
    [InlineData("ünïcødé-✓")]
    [InlineData("*anchor&alias|>")]
    public void Create_PasswordWithYamlSpecialCharacters_IsTakenLiterally(string password)
    {
        var target = Load(password, password).Targets[0];

        Assert.Equal(password, target.FindRole("reader")!.Password.Reveal());
        Assert.Null(target.FindRole("writer")!.Password.Reference);
    }

    [Fact]
    public void Create_CiGroup_ReadOnlyReaderRule()
    {
        var rule = Load().MatchRule("ci-job", ["ci"], "demo")!;

        Assert.Equal(("ci-read", "reader", true), (rule.Name, rule.Role, rule.IsReadOnly));
        Assert.Equal(PolicyVerdict.Allow, rule.Decide(C.Read | C.Transaction | C.Session).Verdict);
        Assert.Equal(PolicyVerdict.Deny, rule.Decide(C.Write).Verdict);
        Assert.Equal(PolicyVerdict.Deny, rule.Decide(C.Ddl | C.Destructive).Verdict);
    }

    [Fact]
    public void Create_AgentsGroup_WritesFreelyAndNeedsApprovalForDangerousClasses()
    {
        var rule = Load().MatchRule("agent-7", ["agents"], "demo")!;

        Assert.Equal(("agents", "writer", false), (rule.Name, rule.Role, rule.IsReadOnly));
        Assert.Equal(PolicyVerdict.Allow, rule.Decide(C.Read | C.Write).Verdict);
        Assert.Equal(PolicyVerdict.Approve, rule.Decide(C.Ddl | C.Destructive).Verdict);
        Assert.Equal(PolicyVerdict.Approve, rule.Decide(C.Dcl).Verdict);
        Assert.Equal(PolicyVerdict.Deny, rule.Decide(C.Admin).Verdict);
        Assert.Equal(PolicyVerdict.Deny, rule.Decide(C.Unknown).Verdict);
    }

    [Fact]
    public void Create_DbaGroup_RunsDdlAndApprovesPrivilegeAndAdmin()
    {
        var policy = Load();
        var rule = policy.MatchRule("dana", ["dba"], "demo")!;

        Assert.Equal(("dba", "writer"), (rule.Name, rule.Role));
        Assert.Equal(PolicyVerdict.Allow, rule.Decide(C.Ddl | C.Destructive | C.Write).Verdict);
        Assert.Equal(PolicyVerdict.Approve, rule.Decide(C.Dcl).Verdict);
        Assert.Equal(PolicyVerdict.Approve, rule.Decide(C.Admin).Verdict);
        Assert.True(policy.Approvals.IsApprover(["dba"]));
        Assert.True(policy.Masking.IsExempt(["dba"]));
        Assert.False(policy.Masking.IsExempt(["agents"]));
    }

    [Fact]
    public void Create_CallerInSeveralGroups_GetsTheNarrowestRule()
    {
        Assert.Equal("ci-read", Load().MatchRule("x", ["dba", "agents", "ci"], "demo")!.Name);
    }

    [Fact]
    public void Create_Masking_CoversCustomerColumnsAndDetectors()
    {
        var masking = Load().Masking;

        Assert.Equal(
            [
                new MaskedColumn("public", "customers", "email", MaskingMethod.Partial),
                new MaskedColumn("public", "customers", "ssn", MaskingMethod.Redact),
                new MaskedColumn("public", "customers", "card_number", MaskingMethod.Redact),
            ],
            masking.Columns.ToArray());
        Assert.Equal([MaskingDetector.Email, MaskingDetector.CreditCard, MaskingDetector.Ssn], masking.Detectors.ToArray());
    }

    [Theory]
    [InlineData("", 5432)]
    [InlineData("localhost", 0)]
    [InlineData("localhost", 65536)]
    public void Create_InvalidHostOrPort_Throws(string host, int port)
    {
        Assert.ThrowsAny<ArgumentException>(() => DemoPolicy.Create(host, port, "a", "b"));
    }
}
