using Warden.Sql;

namespace Warden.Policy.Access;

/// <summary>A relation a name may resolve to: a schema and a relation name as the catalog stores them.</summary>
public readonly record struct QualifiedRelation(string Schema, string Name)
{
    /// <summary><c>schema.name</c>, each part quoted when it would not read back as itself (billing.invoices, "Billing".x).</summary>
    public override string ToString() => new RelationName(Schema, Name).ToString();
}

/// <summary>
/// One relation a statement touches, as policy sees it: the name as written, every (schema, table) it could
/// resolve to, and the classes the statement applies to it.
/// </summary>
/// <param name="Relation">The name as written (for reports), e.g. <c>invoices</c> or <c>billing.invoices</c>.</param>
/// <param name="Candidates">
/// Every relation the name could resolve to. Empty means nothing is known: the use is judged against every
/// objects entry (fail closed).
/// </param>
public sealed record RelationUse(string Relation, IReadOnlyList<QualifiedRelation> Candidates, StatementClasses Classes);

/// <summary>How one relation use was judged.</summary>
/// <param name="Verdict">The most restrictive outcome over its candidates and classes.</param>
/// <param name="OffendingClasses">The classes that gave that outcome (None when allowed).</param>
/// <param name="Entry">The <c>match</c> text of the objects entry that decided it, or null for the rule's own lists.</param>
public sealed record RelationDecision(RelationUse Use, PolicyVerdict Verdict, StatementClasses OffendingClasses, string? Entry);

/// <summary>The verdict of one statement under a rule with its per-relation detail.</summary>
public sealed record ObjectsDecision(AccessDecision Decision, IReadOnlyList<RelationDecision> Relations);
