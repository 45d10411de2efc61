using System.Collections.Immutable;
using Warden.Policy.Access;
using C = Warden.Sql.StatementClasses;

namespace Warden.Policy.Tests.Access;

public sealed class AccessRuleObjectsTests
{
    /// <summary>The "agents" rule of DESIGN §6 with its objects entries, plus an hr entry needing approval to read.</summary>
    private static readonly AccessRule Agents = AccessRuleTests.Rule(
        "agents",
        allow: C.Read | C.Write | C.Transaction | C.Session,
        approve: C.Ddl | C.Dcl | C.Destructive,
        deny: C.Admin,
        objects:
        [
            Entry("billing.*", deny: C.Write | C.Ddl | C.Destructive),
            Entry("scratch.*", allow: C.Ddl | C.Destructive),
            Entry("hr.*", approve: C.Read),
        ]);

    [Theory]
    [InlineData("public", "orders", C.Write, PolicyVerdict.Allow, null)]                 // rule's lists
    [InlineData("billing", "invoices", C.Write, PolicyVerdict.Deny, "billing.*")]
    [InlineData("billing", "invoices", C.Read, PolicyVerdict.Allow, null)]               // entry does not list read
    [InlineData("scratch", "t", C.Ddl | C.Destructive, PolicyVerdict.Allow, "scratch.*")]
    [InlineData("public", "t", C.Ddl | C.Destructive, PolicyVerdict.Approve, null)]
    [InlineData("scratch", "t", C.Write | C.Destructive, PolicyVerdict.Allow, "scratch.*")] // TRUNCATE
    [InlineData("hr", "people", C.Read, PolicyVerdict.Approve, "hr.*")]
    [InlineData("hr", "people", C.Write, PolicyVerdict.Allow, null)]
    public void Decide_OneRelation_EntryDecidesListedClassesRuleTheRest(string schema, string table, C classes, PolicyVerdict verdict, string? entry)
    {
        var decision = Agents.Decide(classes, C.None, [Use(schema, table, classes)], relationsComplete: true);

        Assert.Equal(verdict, decision.Decision.Verdict);
        Assert.Equal(verdict, decision.Relations.Single().Verdict);
        Assert.Equal(entry, decision.Relations.Single().Entry);
    }

    [Fact]
    public void Decide_DeniedWrite_ReasonNamesRuleRelationClassAndEntry()
    {
        var decision = Agents.Decide(C.Write, C.None, [Use("billing", "invoices", C.Write)], relationsComplete: true);

        Assert.Equal(
            "statement denied by rule \"agents\": class \"write\" is denied on relation billing.invoices (objects entry \"billing.*\")",
            decision.Decision.Reason);
        Assert.Equal(C.Write, decision.Decision.OffendingClasses);
    }

    [Fact]
    public void Decide_NotListedAnywhere_ReasonSaysNotAllowedOnRelation()
    {
        var rule = AccessRuleTests.Rule("r", allow: C.Read, objects: [Entry("billing.*", allow: C.Write)]);

        var decision = rule.Decide(C.Write, C.None, [Use("public", "orders", C.Write)], relationsComplete: true);

        Assert.Equal("statement denied by rule \"r\": class \"write\" is not allowed on relation public.orders", decision.Decision.Reason);
    }

    [Fact]
    public void Decide_ApprovalOnRelation_ReasonNamesEntry()
    {
        var decision = Agents.Decide(C.Read, C.None, [Use("hr", "people", C.Read)], relationsComplete: true);

        Assert.Equal("statement requires approval under rule \"agents\": class \"read\" on relation hr.people (objects entry \"hr.*\")", decision.Decision.Reason);
    }

    [Fact]
    public void Decide_InsertSelect_ReadAllowedWriteDeniedGivesDeny()
    {
        // INSERT INTO billing.invoices SELECT * FROM public.orders
        var decision = Agents.Decide(
            C.Read | C.Write, C.None, [Use("billing", "invoices", C.Write), Use("public", "orders", C.Read)], relationsComplete: true);

        Assert.Equal(PolicyVerdict.Deny, decision.Decision.Verdict);
        Assert.Equal([PolicyVerdict.Deny, PolicyVerdict.Allow], decision.Relations.Select(r => r.Verdict));
    }

    [Fact]
    public void Decide_DenyBeatsApproveBeatsAllow_AcrossRelations()
    {
        var approveAndAllow = Agents.Decide(C.Read, C.None, [Use("public", "a", C.Read), Use("hr", "b", C.Read)], true);
        var all = Agents.Decide(C.Read | C.Write, C.None, [Use("hr", "b", C.Read), Use("billing", "c", C.Write), Use("public", "a", C.Read)], true);

        Assert.Equal(PolicyVerdict.Approve, approveAndAllow.Decision.Verdict);
        Assert.Equal(PolicyVerdict.Deny, all.Decision.Verdict);
        Assert.Contains("billing.c", all.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnattributedClasses_JudgedByRuleLists()
    {
        // SELECT nextval(...) FROM scratch.t: admin is unattributed and denied by the rule.
        var decision = Agents.Decide(C.Read | C.Admin, C.Admin, [Use("scratch", "t", C.Read)], relationsComplete: true);

        Assert.Equal(PolicyVerdict.Deny, decision.Decision.Verdict);
        Assert.Equal("statement denied by rule \"agents\": class \"admin\" is denied", decision.Decision.Reason);
    }

    [Fact]
    public void Decide_LastMatchingEntryDecides_EarlierEntriesIgnored()
    {
        var rule = AccessRuleTests.Rule("r", allow: C.Read, objects:
        [
            Entry("billing.*", deny: C.Write),
            Entry("billing.drafts", allow: C.Write),
        ]);

        Assert.Equal(PolicyVerdict.Allow, rule.Decide(C.Write, C.None, [Use("billing", "drafts", C.Write)], true).Decision.Verdict);
        Assert.Equal(PolicyVerdict.Deny, rule.Decide(C.Write, C.None, [Use("billing", "other", C.Write)], true).Decision.Verdict);
    }

    [Fact]
    public void Decide_LastMatchingEntryNotListingClass_FallsBackToRuleNotToEarlierEntry()
    {
        var rule = AccessRuleTests.Rule("r", allow: C.Read | C.Write, objects:
        [
            Entry("billing.*", deny: C.Write),
            Entry("billing.drafts", allow: C.Ddl),
        ]);

        var decision = rule.Decide(C.Write, C.None, [Use("billing", "drafts", C.Write)], true);

        Assert.Equal(PolicyVerdict.Allow, decision.Decision.Verdict);
        Assert.Null(decision.Relations.Single().Entry);
    }

    [Fact]
    public void Decide_PerClassFallback_EntryDecidesOneClassRuleAnother()
    {
        // DROP TABLE scratch.t: ddl + destructive allowed by the entry; TRUNCATE billing.x: write denied by entry.
        var rule = AccessRuleTests.Rule("r", allow: C.Read, approve: C.Destructive, objects: [Entry("scratch.*", allow: C.Write)]);

        var decision = rule.Decide(C.Write | C.Destructive, C.None, [Use("scratch", "t", C.Write | C.Destructive)], true);

        Assert.Equal(PolicyVerdict.Approve, decision.Decision.Verdict);
        Assert.Equal(C.Destructive, decision.Decision.OffendingClasses);
        Assert.Null(decision.Relations.Single().Entry);
    }

    [Fact]
    public void Decide_SeveralCandidates_MostRestrictiveCounts()
    {
        // INSERT INTO invoices with search_path possibly billing or public.
        var use = new RelationUse("invoices", [new("pg_temp", "invoices"), new("public", "invoices"), new("billing", "invoices")], C.Write);

        var decision = Agents.Decide(C.Write, C.None, [use], relationsComplete: true);

        Assert.Equal(PolicyVerdict.Deny, decision.Decision.Verdict);
        Assert.Equal("billing.*", decision.Relations.Single().Entry);
        Assert.Contains("on relation billing.invoices", decision.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoCandidates_JudgedAgainstEveryEntry()
    {
        var use = new RelationUse("invoices", [], C.Write);

        var decision = Agents.Decide(C.Write, C.None, [use], relationsComplete: true);

        Assert.Equal(PolicyVerdict.Deny, decision.Decision.Verdict);
        Assert.Equal("billing.*", decision.Relations.Single().Entry);
    }

    [Fact]
    public void Decide_IncompleteRelations_MostRestrictiveOfEveryEntryAndRule()
    {
        // DROP TABLE scratch.t CASCADE: may reach any relation.
        var decision = Agents.Decide(C.Ddl | C.Destructive, C.None, [Use("scratch", "t", C.Ddl | C.Destructive)], relationsComplete: false);

        Assert.Equal(PolicyVerdict.Deny, decision.Decision.Verdict);
        Assert.Contains("objects entry \"billing.*\"", decision.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(PolicyVerdict.Allow, decision.Relations.Single().Verdict);
    }

    [Fact]
    public void Decide_IncompleteRelationsReadOnly_StillApprovedWhereAnEntryApprovesRead()
    {
        var decision = Agents.Decide(C.Read, C.None, [], relationsComplete: false);

        Assert.Equal(PolicyVerdict.Approve, decision.Decision.Verdict);
    }

    [Theory]
    [InlineData(C.Read, PolicyVerdict.Allow)]
    [InlineData(C.Ddl | C.Destructive, PolicyVerdict.Approve)]
    [InlineData(C.Admin | C.Read, PolicyVerdict.Deny)]
    [InlineData(C.Unknown, PolicyVerdict.Deny)]
    public void Decide_RuleWithoutObjects_SameAsClassDecision(C classes, PolicyVerdict verdict)
    {
        var plain = AccessRuleTests.Rule("plain", allow: C.Read | C.Write, approve: C.Ddl | C.Destructive, deny: C.Admin);

        var decision = plain.Decide(classes, C.None, [Use("billing", "x", classes)], relationsComplete: false);

        Assert.Equal(plain.Decide(classes), decision.Decision);
        Assert.Equal(verdict, decision.Decision.Verdict);
        Assert.Null(decision.Relations.Single().Entry);
    }

    [Fact]
    public void Decide_QuotedEntry_MatchesOnlyExactCase()
    {
        var rule = AccessRuleTests.Rule("r", allow: C.Read | C.Write, objects: [Entry("\"Billing\".*", deny: C.Write), Entry("Ledger.*", deny: C.Write)]);

        Assert.Equal(PolicyVerdict.Deny, rule.Decide(C.Write, C.None, [Use("Billing", "x", C.Write)], true).Decision.Verdict);
        Assert.Equal(PolicyVerdict.Allow, rule.Decide(C.Write, C.None, [Use("billing", "x", C.Write)], true).Decision.Verdict);
        Assert.Equal(PolicyVerdict.Deny, rule.Decide(C.Write, C.None, [Use("ledger", "x", C.Write)], true).Decision.Verdict);
        Assert.Equal(PolicyVerdict.Allow, rule.Decide(C.Write, C.None, [Use("Ledger", "x", C.Write)], true).Decision.Verdict);
    }

    [Fact]
    public void Decide_EmptyStatement_Allowed()
    {
        Assert.Equal(PolicyVerdict.Allow, Agents.Decide(C.None, C.None, [], relationsComplete: true).Decision.Verdict);
    }

    private static RelationUse Use(string schema, string table, C classes) =>
        new($"{schema}.{table}", [new QualifiedRelation(schema, table)], classes);

    private static ObjectRule Entry(string match, C allow = C.None, C approve = C.None, C deny = C.None)
    {
        Assert.True(ObjectPattern.TryParse(match, out var pattern, out var error), error);
        return new ObjectRule(pattern!, allow, approve, deny);
    }
}
