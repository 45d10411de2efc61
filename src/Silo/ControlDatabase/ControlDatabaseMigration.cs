using System.Reflection;

namespace Warden.Silo.ControlDatabase;

/// <summary>One schema change of the control database, e.g. <c>0001_orleans_clustering</c>.</summary>
internal sealed record ControlDatabaseMigration(string Version, string Sql)
{
    // Silo.csproj embeds ControlDatabase/Migrations/*.sql under this prefix.
    private const string ResourcePrefix = "Warden.Migrations.";
    private const string ResourceSuffix = ".sql";

    /// <summary>The migrations compiled into this assembly, ordered by version (the file name).</summary>
    internal static IReadOnlyList<ControlDatabaseMigration> Embedded { get; } = LoadEmbedded();

    private static ControlDatabaseMigration[] LoadEmbedded()
    {
        var assembly = typeof(ControlDatabaseMigration).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            .Select(n => new ControlDatabaseMigration(n[ResourcePrefix.Length..^ResourceSuffix.Length], ReadResource(assembly, n)))
            .OrderBy(m => m.Version, StringComparer.Ordinal)
            .ToArray();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded migration {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
