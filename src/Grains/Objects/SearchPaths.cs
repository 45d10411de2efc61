using System.Collections.Immutable;
using Warden.Sql;

namespace Warden.Grains.Objects;

/// <summary>
/// The search paths a session may have at this point, as a set: a SET that is about to run may be rolled back,
/// be LOCAL or fail, so the path before it stays possible too. Unqualified names are resolved against each.
/// </summary>
internal sealed class SearchPaths
{
    private SearchPaths(ImmutableArray<string> startup, ImmutableArray<ImmutableArray<string>> paths, bool anySchema)
    {
        StartupPath = startup;
        Paths = paths;
        AnySchema = anySchema;
    }

    /// <summary>
    /// Nothing is known (the session did not report its path, or a set_config with a computed value ran):
    /// an unqualified name may resolve to any schema.
    /// </summary>
    public static SearchPaths Unknown { get; } = new([], [], anySchema: true);

    /// <summary>The path the session started with (what <c>SHOW search_path</c> said right after login).</summary>
    public ImmutableArray<string> StartupPath { get; }

    public ImmutableArray<ImmutableArray<string>> Paths { get; }

    /// <summary>An unqualified name may resolve to any schema of the catalog.</summary>
    public bool AnySchema { get; }

    /// <summary>Still exactly the startup path: a verdict then depends on nothing the session changed.</summary>
    public bool IsStartupOnly => !AnySchema && Paths.Length == 1 && Paths[0].SequenceEqual(StartupPath);

    public static SearchPaths Startup(ImmutableArray<string> path) => new(path, [path], anySchema: false);

    /// <summary>The set after a change that is about to run: the new path becomes possible, the old ones stay so.</summary>
    public SearchPaths With(SearchPathChange change)
    {
        if (AnySchema || change.Unknown)
        {
            return new(StartupPath, Paths, anySchema: true);
        }
        var path = change.Schemas is null ? StartupPath : [.. change.Schemas];
        return Paths.Any(p => p.SequenceEqual(path)) ? this : new(StartupPath, Paths.Add(path), anySchema: false);
    }

    /// <summary>The set once a change is known to have taken effect and nothing else can be in force (it collapses).</summary>
    public SearchPaths Only(SearchPathChange change) =>
        change.Unknown ? new(StartupPath, Paths, anySchema: true)
        : new(StartupPath, [change.Schemas is null ? StartupPath : [.. change.Schemas]], anySchema: false);
}
