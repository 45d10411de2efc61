using Warden.Sql;

namespace Warden.Policy.Access;

/// <summary>
/// An entry of a rule's <c>objects</c> list: class lists for the relations matching <see cref="Match"/>.
/// Where several entries match a relation, the last one decides.
/// </summary>
public sealed record ObjectRule(ObjectPattern Match, StatementClasses Allow, StatementClasses Approve, StatementClasses Deny);
