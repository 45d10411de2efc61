using Warden.Grains.Interfaces.Masking;
using Warden.Grains.Interfaces.Objects;
using Warden.Policy.Masking;
using Warden.Policy.Recording;

namespace Warden.Grains.Masking;

/// <summary>
/// Decides whether a session records sample rows and how they are masked, from the policy and the target's
/// catalog snapshot. Pure; the session grain calls it at open.
/// </summary>
internal static class SampleMaskingPlan
{
    /// <summary>What to put in the session plan.</summary>
    /// <param name="Masking">Null: record result tags and counts only.</param>
    /// <param name="CatalogBehind">The catalog has not resolved the policy's current columns yet: ask it to reload.</param>
    public readonly record struct Outcome(SampleMasking? Masking, bool CatalogBehind);

    /// <remarks>
    /// <c>masking.exemptGroups</c> plays no part: recordings are read by auditors, who are not the exempt
    /// caller, so they are masked for everyone. Fails closed: with masked columns but no catalog that resolved
    /// exactly these columns, nothing is sampled (a column could not be told from any other); with neither masked
    /// columns nor detectors, nothing is sampled either, since nothing would be masked and <c>results: masked</c>
    /// (the default) must not become a raw copy of every result.
    /// </remarks>
    public static Outcome Build(
        RecordedResults results, IReadOnlyList<MaskedColumn> columns, IReadOnlyList<MaskingDetector> detectors, CatalogSnapshot? catalog, byte[] hashKey)
    {
        if (results != RecordedResults.Masked)
        {
            return new Outcome(null, false);
        }
        MaskDetector[] contractDetectors = [.. detectors.Select(d => d.ToContract())];
        if (columns.Count == 0 && contractDetectors.Length == 0)
        {
            return new Outcome(null, false);
        }
        if (columns.Count == 0)
        {
            return new Outcome(new SampleMasking([], contractDetectors, MasksColumns: false, hashKey, KnownRelationsUpTo: 0), false);
        }
        if (catalog is not { Loaded: true, Masking: { } resolved } || resolved.Columns != MaskingContracts.KeyOf(columns))
        {
            return new Outcome(null, CatalogBehind: catalog is { Loaded: true });
        }
        return new Outcome(new SampleMasking(resolved.Fields, contractDetectors, MasksColumns: true, hashKey, resolved.MaxRelationOid), false);
    }
}
