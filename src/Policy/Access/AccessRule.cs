using System.Collections.Immutable;
using Warden.Sql;

namespace Warden.Policy.Access;

/// <summary>
/// One entry of <c>access</c>: who it applies to, on which targets, as which upstream role, and which statement
/// classes are allowed, need approval or are denied.
/// </summary>
public sealed partial class AccessRule
{
    /// <summary>Classes that change data, schema, privileges or the server: a rule allowing or approving none of them is read-only.</summary>
    internal const StatementClasses Modifying =
        StatementClasses.Write | StatementClasses.Ddl | StatementClasses.Dcl | StatementClasses.Admin | StatementClasses.Destructive;

    internal AccessRule(
        string name,
        ImmutableArray<string> groups,
        ImmutableArray<string> subjects,
        ImmutableArray<string> targets,
        string role,
        StatementClasses allow,
        StatementClasses approve,
        StatementClasses deny,
        ImmutableArray<ObjectRule> objects)
    {
        Name = name;
        Groups = groups;
        Subjects = subjects;
        Targets = targets;
        Role = role;
        Allow = allow;
        Approve = approve;
        Deny = deny;
        Objects = objects;
        IsReadOnly = ComputeIsReadOnly(allow, approve, objects);
    }

    public string Name { get; }

    public ImmutableArray<string> Groups { get; }

    public ImmutableArray<string> Subjects { get; }

    /// <summary>Target names this rule covers; empty means every target (the key was omitted).</summary>
    public ImmutableArray<string> Targets { get; }

    /// <summary>The upstream role (a key of the target's <c>roles</c>) sessions under this rule log in as.</summary>
    public string Role { get; }

    public StatementClasses Allow { get; }

    public StatementClasses Approve { get; }

    public StatementClasses Deny { get; }

    /// <summary>Per-relation overrides, in file order; see AccessRule.Objects.cs for how they decide.</summary>
    public ImmutableArray<ObjectRule> Objects { get; }

    /// <summary>
    /// True when neither the rule nor any of its <see cref="Objects"/> entries allows or approves write, ddl, dcl,
    /// admin or destructive; the gateway then opens the upstream session read-only as a second wall.
    /// Object entries count because a session opened read-only could not run what they allow.
    /// </summary>
    public bool IsReadOnly { get; }

    public bool AppliesToTarget(string target) =>
        Targets.IsEmpty || NameLists.Contains(Targets, target);

    /// <summary>
    /// Whether a caller is covered: the subject is listed, or one of the caller's groups is. A rule that lists
    /// neither groups nor subjects matches nobody, so a forgotten list never opens a rule to everyone.
    /// </summary>
    public bool AppliesToCaller(string subject, IEnumerable<string> groups) =>
        NameLists.Contains(Subjects, subject) || NameLists.Intersects(Groups, groups);

    /// <summary>The last <see cref="Objects"/> entry matching the relation, or null.</summary>
    public ObjectRule? FindObjectRule(string schema, string table)
    {
        for (var i = Objects.Length - 1; i >= 0; i--)
        {
            if (Objects[i].Match.IsMatch(schema, table))
            {
                return Objects[i];
            }
        }
        return null;
    }

    public override string ToString() => $"rule \"{Name}\" (role {Role})";

    private static bool ComputeIsReadOnly(StatementClasses allow, StatementClasses approve, ImmutableArray<ObjectRule> objects)
    {
        var permitted = allow | approve;
        foreach (var entry in objects)
        {
            permitted |= entry.Allow | entry.Approve;
        }
        return (permitted & Modifying) == StatementClasses.None;
    }
}
