using Warden.Sql;

namespace Warden.Policy.Access;

/// <summary>
/// Object-scoped decisions (issue 5): for every relation a statement touches, each class the statement applies
/// to it is decided by the last <see cref="Objects"/> entry matching the relation when that entry lists the
/// class (in deny, approve or allow), and otherwise by the rule's own lists. A name that may resolve to several
/// relations is judged for each, and the most restrictive outcome counts. The statement's verdict combines the
/// relations' and that of its unattributed classes (judged by the rule's lists): any deny → deny; else any
/// approve → approve; else allow.
/// </summary>
public sealed partial class AccessRule
{
    private enum Decider
    {
        Denied,
        NotAllowed,
        ToApprove,
        Allowed,
    }

    /// <summary>True when the rule has objects entries, so verdicts depend on the relations a statement touches.</summary>
    public bool HasObjects => !Objects.IsEmpty;

    /// <summary>
    /// Judges one statement. A rule without <see cref="Objects"/> gives exactly <see cref="Decide(StatementClasses)"/>
    /// of <paramref name="classes"/>, with each relation reported under the rule's own lists.
    /// </summary>
    /// <param name="classes">Every class of the statement.</param>
    /// <param name="unattributed">Classes no relation explains (<see cref="SqlStatement.UnattributedClasses"/>).</param>
    /// <param name="relationsComplete">
    /// False when the statement may touch relations not listed: every class of the statement is then judged against
    /// every entry and the rule's own lists, and the most restrictive outcome counts (fail closed).
    /// </param>
    public ObjectsDecision Decide(StatementClasses classes, StatementClasses unattributed, IReadOnlyList<RelationUse> relations, bool relationsComplete)
    {
        classes = Normalize(classes);
        if (Objects.IsEmpty)
        {
            return new(Decide(classes), [.. relations.Select(ByOwnLists)]);
        }
        var worst = Decide(Normalize(unattributed));
        var decisions = new RelationDecision[relations.Count];
        for (var i = 0; i < relations.Count; i++)
        {
            var (decision, reason) = DecideRelation(relations[i]);
            decisions[i] = decision;
            worst = Worse(worst, new AccessDecision(decision.Verdict, decision.OffendingClasses, reason));
        }
        if (!relationsComplete)
        {
            worst = Worse(worst, DecideAnyRelation(classes, "a relation the statement may touch (not every relation it touches could be named)").Decision);
        }
        return new(worst, decisions);
    }

    private static StatementClasses Normalize(StatementClasses classes) =>
        (classes & ~Known) != StatementClasses.None ? (classes & Known) | StatementClasses.Unknown : classes;

    private RelationDecision ByOwnLists(RelationUse use)
    {
        var decision = Decide(Normalize(use.Classes));
        return new(use, decision.Verdict, decision.OffendingClasses, null);
    }

    private (RelationDecision Decision, string? Reason) DecideRelation(RelationUse use)
    {
        var classes = Normalize(use.Classes);
        if (use.Candidates.Count == 0)
        {
            var any = DecideAnyRelation(classes, $"relation {use.Relation} (which could not be resolved)");
            return (new RelationDecision(use, any.Decision.Verdict, any.Decision.OffendingClasses, any.Entry), any.Decision.Reason);
        }
        Outcome? worst = null;
        foreach (var candidate in use.Candidates)
        {
            var entry = FindObjectRule(candidate.Schema, candidate.Name);
            var outcome = Judge(classes, entry, $"relation {candidate}");
            if (worst is null || Severity(outcome.Decision.Verdict) > Severity(worst.Value.Decision.Verdict))
            {
                worst = outcome;
            }
        }
        return (new RelationDecision(use, worst!.Value.Decision.Verdict, worst.Value.Decision.OffendingClasses, worst.Value.Entry), worst.Value.Decision.Reason);
    }

    /// <summary>The classes judged as if they touched a relation matched by any entry, or by none.</summary>
    private Outcome DecideAnyRelation(StatementClasses classes, string where)
    {
        var worst = Judge(classes, null, where);
        foreach (var entry in Objects)
        {
            var outcome = Judge(classes, entry, where);
            if (Severity(outcome.Decision.Verdict) > Severity(worst.Decision.Verdict))
            {
                worst = outcome;
            }
        }
        return worst;
    }

    private readonly record struct Outcome(AccessDecision Decision, string? Entry);

    /// <summary>
    /// One relation's classes under one entry (or none): the entry decides the classes it lists, the rule the rest.
    /// The reason names the classes of the most restrictive outcome and what decided them.
    /// </summary>
    private Outcome Judge(StatementClasses classes, ObjectRule? entry, string where)
    {
        var byEntry = entry is null ? StatementClasses.None : classes & (entry.Deny | entry.Approve | entry.Allow);
        var byRule = classes & ~byEntry;
        Span<(Decider Kind, StatementClasses Classes, bool ByEntry)> parts =
        [
            (Decider.Denied, entry is null ? StatementClasses.None : byEntry & entry.Deny, true),
            (Decider.Denied, byRule & Deny, false),
            (Decider.NotAllowed, byRule & ~Deny & ~Approve & ~Allow, false),
            (Decider.ToApprove, entry is null ? StatementClasses.None : byEntry & ~entry.Deny & entry.Approve, true),
            (Decider.ToApprove, byRule & ~Deny & Approve, false),
        ];
        foreach (var (kind, found, fromEntry) in parts)
        {
            if (found == StatementClasses.None)
            {
                continue;
            }
            var decidedBy = fromEntry ? entry!.Match.Text : null;
            var suffix = fromEntry ? $" (objects entry \"{decidedBy}\")" : string.Empty;
            var decision = kind switch
            {
                Decider.Denied => new AccessDecision(PolicyVerdict.Deny, found, $"statement denied by rule \"{Name}\": {Describe(found)} denied on {where}{suffix}"),
                Decider.NotAllowed => new AccessDecision(PolicyVerdict.Deny, found, $"statement denied by rule \"{Name}\": {Describe(found)} not allowed on {where}"),
                _ => new AccessDecision(PolicyVerdict.Approve, found, $"statement requires approval under rule \"{Name}\": {Describe(found, verb: false)} on {where}{suffix}"),
            };
            return new Outcome(decision, decidedBy);
        }
        return new Outcome(new AccessDecision(PolicyVerdict.Allow, StatementClasses.None, null), byEntry != StatementClasses.None ? entry!.Match.Text : null);
    }

    private static AccessDecision Worse(AccessDecision current, AccessDecision next) =>
        Severity(next.Verdict) > Severity(current.Verdict) ? next : current;

    private static int Severity(PolicyVerdict verdict) => verdict switch
    {
        PolicyVerdict.Deny => 2,
        PolicyVerdict.Approve => 1,
        _ => 0,
    };
}
