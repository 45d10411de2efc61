using System.Collections.Immutable;

namespace Warden.Policy;

/// <summary>Lists of names (groups, subjects, targets) compared exactly (ordinal): identity providers treat claims as case-sensitive, and PostgreSQL database names are too.</summary>
internal static class NameLists
{
    public static bool Intersects(ImmutableArray<string> configured, IEnumerable<string> callerGroups)
    {
        ArgumentNullException.ThrowIfNull(callerGroups);
        foreach (var group in callerGroups)
        {
            if (Contains(configured, group))
            {
                return true;
            }
        }
        return false;
    }

    public static bool Contains(ImmutableArray<string> configured, string value) =>
        configured.Contains(value, StringComparer.Ordinal);
}
