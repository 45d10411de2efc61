using Warden.Sql;

namespace Warden.Policy.Access;

/// <summary>The verdict for one statement under one rule.</summary>
/// <param name="OffendingClasses">
/// For <see cref="PolicyVerdict.Deny"/>: the classes that caused the denial; for
/// <see cref="PolicyVerdict.Approve"/>: the classes that need approval; <see cref="StatementClasses.None"/> for allow.
/// </param>
/// <param name="Reason">Client-facing text naming the rule and the classes; null when allowed.</param>
public readonly record struct AccessDecision(PolicyVerdict Verdict, StatementClasses OffendingClasses, string? Reason);
