using System.Collections.Immutable;
using Warden.Policy.Access;
using Warden.Sql;
using C = Warden.Sql.StatementClasses;

namespace Warden.Policy.Tests.Access;

public sealed class AccessRuleTests
{
    /// <summary>The "agents" rule of DESIGN §6.</summary>
    private static readonly AccessRule Agents = Rule(
        "agents",
        allow: C.Read | C.Write | C.Transaction | C.Session,
        approve: C.Ddl | C.Dcl | C.Destructive,
        deny: C.Admin);

    [Theory]
    [InlineData(C.Read, PolicyVerdict.Allow, C.None)]
    [InlineData(C.Read | C.Write, PolicyVerdict.Allow, C.None)]                      // CTE with DELETE
    [InlineData(C.Ddl, PolicyVerdict.Approve, C.Ddl)]
    [InlineData(C.Ddl | C.Destructive, PolicyVerdict.Approve, C.Ddl | C.Destructive)] // DROP TABLE
    [InlineData(C.Write | C.Destructive, PolicyVerdict.Approve, C.Destructive)]       // DELETE without WHERE
    [InlineData(C.Admin, PolicyVerdict.Deny, C.Admin)]
    [InlineData(C.Admin | C.Ddl, PolicyVerdict.Deny, C.Admin)]                        // denied beats approve
    [InlineData(C.Admin | C.Read, PolicyVerdict.Deny, C.Admin)]                       // denied beats allowed
    [InlineData(C.Unknown, PolicyVerdict.Deny, C.Unknown)]                            // listed nowhere
    [InlineData(C.Ddl | C.Unknown, PolicyVerdict.Approve, C.Ddl)]                     // approve comes before "not allowed"
    [InlineData(C.None, PolicyVerdict.Allow, C.None)]                                 // nothing to run: vacuously allowed
    public void Decide_DesignAgentsRule_FollowsVerdictOrder(C classes, PolicyVerdict verdict, C offending)
    {
        var decision = Agents.Decide(classes);

        Assert.Equal((verdict, offending), (decision.Verdict, decision.OffendingClasses));
        Assert.Equal(verdict == PolicyVerdict.Allow, decision.Reason is null);
    }

    [Fact]
    public void Decide_ClassNotAllowed_ReasonNamesRuleAndClass()
    {
        var ciRead = Rule("ci-read", allow: C.Read | C.Transaction | C.Session);

        var decision = ciRead.Decide(C.Write);

        Assert.Equal(new AccessDecision(PolicyVerdict.Deny, C.Write, "statement denied by rule \"ci-read\": class \"write\" is not allowed"), decision);
    }

    [Fact]
    public void Decide_SeveralClassesNotAllowed_ReasonListsThem()
    {
        var decision = Rule("ci-read", allow: C.Read).Decide(C.Ddl | C.Destructive);

        Assert.Equal("statement denied by rule \"ci-read\": classes \"ddl\", \"destructive\" are not allowed", decision.Reason);
    }

    [Fact]
    public void Decide_DeniedClass_ReasonSaysDenied()
    {
        Assert.Equal("statement denied by rule \"agents\": class \"admin\" is denied", Agents.Decide(C.Admin).Reason);
    }

    [Fact]
    public void Decide_ClassToApprove_ReasonNamesRuleAndClass()
    {
        Assert.Equal("statement requires approval under rule \"agents\": class \"ddl\"", Agents.Decide(C.Ddl).Reason);
        Assert.Equal(
            "statement requires approval under rule \"agents\": classes \"ddl\", \"destructive\"",
            Agents.Decide(C.Ddl | C.Destructive).Reason);
    }

    [Fact]
    public void Decide_RuleAllowingEveryOtherClass_StillDeniesUnknown()
    {
        var everythingButUnknown = Rule(
            "wide",
            allow: C.Read | C.Write | C.Ddl | C.Dcl | C.Destructive | C.Admin | C.Transaction | C.Session);

        var decision = everythingButUnknown.Decide(C.Unknown | C.Read);

        Assert.Equal((PolicyVerdict.Deny, C.Unknown), (decision.Verdict, decision.OffendingClasses));
        Assert.Equal("statement denied by rule \"wide\": class \"unknown\" is not allowed", decision.Reason);
    }

    [Fact]
    public void Decide_UnknownListedExplicitly_FollowsItsList()
    {
        Assert.Equal(PolicyVerdict.Allow, Rule("r", allow: C.Read | C.Unknown).Decide(C.Unknown).Verdict);
        Assert.Equal(PolicyVerdict.Approve, Rule("r", allow: C.Read, approve: C.Unknown).Decide(C.Unknown).Verdict);
    }

    [Fact]
    public void Decide_BitsOutsideTheContract_AreTreatedAsUnknown()
    {
        var decision = Rule("r", allow: C.Read).Decide(C.Read | (C)(1 << 20));

        Assert.Equal((PolicyVerdict.Deny, C.Unknown), (decision.Verdict, decision.OffendingClasses));
    }

    [Theory]
    [InlineData(C.Read | C.Transaction | C.Session, C.None, true)]
    [InlineData(C.Read, C.Admin, false)]
    [InlineData(C.Read | C.Write, C.None, false)]
    [InlineData(C.Read, C.Ddl, false)]
    [InlineData(C.Read, C.Dcl, false)]
    [InlineData(C.Read | C.Destructive, C.None, false)]
    [InlineData(C.Read | C.Unknown, C.None, true)]
    [InlineData(C.None, C.None, true)]
    public void IsReadOnly_AllowedAndApprovedClasses_DecideReadOnly(C allow, C approve, bool readOnly)
    {
        Assert.Equal(readOnly, Rule("r", allow, approve).IsReadOnly);
    }

    [Fact]
    public void IsReadOnly_DeniedModifyingClasses_DoNotCount()
    {
        Assert.True(Rule("r", allow: C.Read, deny: C.Write | C.Ddl | C.Dcl | C.Admin | C.Destructive).IsReadOnly);
    }

    [Fact]
    public void IsReadOnly_ObjectEntryAllowingWrite_IsNotReadOnly()
    {
        var rule = Rule("r", allow: C.Read, objects: [Entry("scratch.*", allow: C.Write)]);

        Assert.False(rule.IsReadOnly);
    }

    [Fact]
    public void FindObjectRule_SeveralMatch_LastMatchingEntryWins()
    {
        var rule = Rule("r", allow: C.Read, objects:
        [
            Entry("billing.*", deny: C.Write),
            Entry("scratch.*", allow: C.Ddl),
            Entry("billing.drafts", allow: C.Write),
        ]);

        Assert.Equal("billing.drafts", rule.FindObjectRule("billing", "drafts")!.Match.Text);
        Assert.Equal("billing.*", rule.FindObjectRule("billing", "invoices")!.Match.Text);
        Assert.Null(rule.FindObjectRule("public", "orders"));
    }

    [Fact]
    public void AppliesToCaller_NeitherGroupsNorSubjects_MatchesNobody()
    {
        var rule = Rule("r", allow: C.Read, groups: [], subjects: []);

        Assert.False(rule.AppliesToCaller("alice", ["ci", "agents", "dba"]));
        Assert.False(rule.AppliesToCaller(string.Empty, []));
    }

    internal static AccessRule Rule(
        string name,
        C allow = C.None,
        C approve = C.None,
        C deny = C.None,
        ImmutableArray<ObjectRule> objects = default,
        ImmutableArray<string>? groups = null,
        ImmutableArray<string>? subjects = null,
        ImmutableArray<string>? targets = null) =>
        new(name, groups ?? ["g"], subjects ?? [], targets ?? [], "role", allow, approve, deny, objects.IsDefault ? [] : objects);

    private static ObjectRule Entry(string match, C allow = C.None, C deny = C.None)
    {
        Assert.True(ObjectPattern.TryParse(match, out var pattern, out _));
        return new ObjectRule(pattern!, allow, C.None, deny);
    }
}
