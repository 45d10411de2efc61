using Warden.Grains.Interfaces.Masking;
using Warden.Grains.Interfaces.Objects;
using Warden.Policy.Masking;
using Warden.Policy.Targets;

namespace Warden.Grains.Objects;

/// <summary>
/// Reads a target database's catalog. Implemented by the host (the silo, with Npgsql), so the grains project
/// holds no database driver: grains decide, hosts talk to databases.
/// </summary>
public interface ICatalogSource
{
    /// <summary>
    /// Logs in to <paramref name="target"/> as <paramref name="role"/> and reads its schemas and relations, and
    /// resolves <paramref name="maskedColumns"/> (the policy's <c>masking.columns</c>) when there are any.
    /// </summary>
    Task<CatalogContents> LoadAsync(PolicyTarget target, TargetRole role, IReadOnlyList<MaskedColumn> maskedColumns, CancellationToken cancellationToken);
}

/// <summary>What a catalog load found.</summary>
/// <param name="Masking">The masked columns resolved; null when none were asked for.</param>
public sealed record CatalogContents(IReadOnlyList<string> Schemas, IReadOnlyList<CatalogRelation> Relations, CatalogMasking? Masking = null);
