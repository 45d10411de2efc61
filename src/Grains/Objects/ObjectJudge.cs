using Warden.Grains.Interfaces.Objects;
using Warden.Policy.Access;
using Warden.Sql;

namespace Warden.Grains.Objects;

/// <summary>
/// Judges a query text under a rule, relation by relation: each statement's names are resolved against the
/// search paths possible at that point (a SET earlier in the same text adds its path), then
/// <see cref="AccessRule.Decide(StatementClasses, StatementClasses, IReadOnlyList{RelationUse}, bool)"/>
/// decides; the most restrictive statement decides the text. Pure: the session grain and the evaluate
/// endpoint share it.
/// </summary>
internal static class ObjectJudge
{
    public static ObjectJudgement Judge(AccessRule rule, SqlAnalysis analysis, SearchPaths paths, CatalogSnapshot catalog, string user)
    {
        var worst = new AccessDecision(PolicyVerdict.Allow, StatementClasses.None, null);
        var relations = new List<RelationDecision>();
        var sharable = true;
        foreach (var statement in analysis.Statements)
        {
            var uses = RelationResolver.Resolve(statement.Relations, paths, catalog, user);
            var decision = rule.Decide(statement.Classes, statement.UnattributedClasses, uses, statement.RelationsComplete);
            if (Severity(decision.Decision.Verdict) > Severity(worst.Verdict))
            {
                worst = decision.Decision;
            }
            relations.AddRange(decision.Relations);
            sharable &= (statement.Classes & StatementClasses.Ddl) == 0
                && statement.Relations.All(r => IsFixed(r.Relation, catalog));
            if (statement.SearchPathChange is { } change)
            {
                paths = paths.With(change);
            }
        }
        return new ObjectJudgement(worst, relations, sharable);
    }

    /// <summary>
    /// A name whose meaning no session state or catalog change can move: schema-qualified, and known to the
    /// catalog as something other than a view (a view's relations come from the catalog).
    /// </summary>
    private static bool IsFixed(RelationName name, CatalogSnapshot catalog) =>
        name.Schema is not null && catalog.Find(name.Schema, name.Name) is { Kind: not 'v' };

    private static int Severity(PolicyVerdict verdict) => verdict switch
    {
        PolicyVerdict.Deny => 2,
        PolicyVerdict.Approve => 1,
        _ => 0,
    };
}

/// <param name="Sharable">
/// The names resolve the same in every session (no unqualified name, no view, no DDL whose effect the
/// catalog must learn). Session state (a search_path change, prepared statements) is the caller's to add,
/// from <c>SqlAnalysis.DependsOnSessionState</c>.
/// </param>
internal sealed record ObjectJudgement(AccessDecision Decision, IReadOnlyList<RelationDecision> Relations, bool Sharable);
