using Warden.Sql;

namespace Warden.Policy.Access;

public sealed partial class AccessRule
{
    private const StatementClasses Known =
        StatementClasses.Read | StatementClasses.Write | StatementClasses.Ddl | StatementClasses.Dcl |
        StatementClasses.Destructive | StatementClasses.Admin | StatementClasses.Transaction |
        StatementClasses.Session | StatementClasses.Unknown;

    /// <summary>
    /// DESIGN §6: any class denied → deny; else any class to approve → approve; else every class allowed → allow;
    /// else deny. <see cref="StatementClasses.Unknown"/> is treated like any class, so it is allowed only where a
    /// rule lists it. An empty set (a statement that does nothing, e.g. a comment-only ping) is vacuously allowed.
    /// </summary>
    public AccessDecision Decide(StatementClasses classes)
    {
        // Bits outside the contract would vanish from the reason text; read them as Unknown so they fail closed.
        if ((classes & ~Known) != StatementClasses.None)
        {
            classes = (classes & Known) | StatementClasses.Unknown;
        }

        var denied = classes & Deny;
        if (denied != StatementClasses.None)
        {
            return new(PolicyVerdict.Deny, denied, $"statement denied by rule \"{Name}\": {Describe(denied)} denied");
        }

        var toApprove = classes & Approve;
        if (toApprove != StatementClasses.None)
        {
            return new(PolicyVerdict.Approve, toApprove, $"statement requires approval under rule \"{Name}\": {Describe(toApprove, verb: false)}");
        }

        var notAllowed = classes & ~Allow;
        if (notAllowed != StatementClasses.None)
        {
            return new(PolicyVerdict.Deny, notAllowed, $"statement denied by rule \"{Name}\": {Describe(notAllowed)} not allowed");
        }

        return new(PolicyVerdict.Allow, StatementClasses.None, null);
    }

    /// <summary><c>class "write" is</c> or <c>classes "ddl", "destructive" are</c>.</summary>
    private static string Describe(StatementClasses classes, bool verb = true)
    {
        var names = classes.ToNames();
        var quoted = string.Join(", ", names.Select(n => $"\"{n}\""));
        return names.Count == 1
            ? $"class {quoted}{(verb ? " is" : string.Empty)}"
            : $"classes {quoted}{(verb ? " are" : string.Empty)}";
    }
}
