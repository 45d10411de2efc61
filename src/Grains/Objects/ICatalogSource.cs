using Warden.Grains.Interfaces.Objects;
using Warden.Policy.Targets;

namespace Warden.Grains.Objects;

/// <summary>
/// Reads a target database's catalog. Implemented by the host (the silo, with Npgsql), so the grains project
/// holds no database driver: grains decide, hosts talk to databases.
/// </summary>
public interface ICatalogSource
{
    /// <summary>Logs in to <paramref name="target"/> as <paramref name="role"/> and reads its schemas and relations.</summary>
    Task<CatalogContents> LoadAsync(PolicyTarget target, TargetRole role, CancellationToken cancellationToken);
}

/// <summary>What a catalog load found.</summary>
public sealed record CatalogContents(IReadOnlyList<string> Schemas, IReadOnlyList<CatalogRelation> Relations);
