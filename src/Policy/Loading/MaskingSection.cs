using System.Collections.Immutable;
using Warden.Policy.Masking;

namespace Warden.Policy.Loading;

/// <summary>The <c>masking</c> section: masked columns, content detectors and exempt groups.</summary>
internal static class MaskingSection
{
    private const string Path = "masking";

    private static readonly (string, MaskingMethod)[] Methods =
    [
        ("redact", MaskingMethod.Redact),
        ("null", MaskingMethod.Null),
        ("partial", MaskingMethod.Partial),
        ("hash", MaskingMethod.Hash),
    ];

    private static readonly (string, MaskingDetector?)[] DetectorNames =
    [
        ("email", MaskingDetector.Email),
        ("credit_card", MaskingDetector.CreditCard),
        ("ssn", MaskingDetector.Ssn),
    ];

    public static MaskingPolicy Read(SourceNode? node, Diagnostics diagnostics)
    {
        if (node is null || MappingFields.AsMapping(node, Path, diagnostics) is not { } mapping)
        {
            return MaskingPolicy.None;
        }
        var fields = new MappingFields(mapping, Path, diagnostics, "columns", "detectors", "exemptGroups");
        var columns = ReadColumns(fields.Get("columns"), fields.PathOf("columns"), diagnostics);
        var detectors = ImmutableArray.CreateBuilder<MaskingDetector>();
        if (fields.Get("detectors") is { } detectorsNode)
        {
            foreach (var (item, _) in MappingFields.ReadNameItems(detectorsNode, fields.PathOf("detectors"), diagnostics))
            {
                if (MappingFields.ReadChoice(item, fields.PathOf("detectors"), diagnostics, null, DetectorNames) is { } detector
                    && !detectors.Contains(detector))
                {
                    detectors.Add(detector);
                }
            }
        }
        return new MaskingPolicy(columns, detectors.ToImmutable(), fields.Names("exemptGroups"));
    }

    private static ImmutableArray<MaskedColumn> ReadColumns(SourceNode? node, string path, Diagnostics diagnostics)
    {
        if (node is null || MappingFields.AsMapping(node, path, diagnostics) is not { } mapping)
        {
            return [];
        }
        var columns = ImmutableArray.CreateBuilder<MaskedColumn>();
        foreach (var (key, value) in mapping.Entries)
        {
            var parts = key.Value.Split('.');
            if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
            {
                diagnostics.Add(key, path, $"invalid column '{key.Value}': expected schema.table.column, e.g. public.customers.email");
                continue;
            }
            // Read by raw text: 'null' here is the method name, not YAML's null.
            var method = MappingFields.ReadChoice<MaskingMethod?>(value, $"{path}.{key.Value}", diagnostics, null, [.. Methods.Select(m => (m.Item1, (MaskingMethod?)m.Item2))]);
            if (method is not null)
            {
                columns.Add(new MaskedColumn(parts[0], parts[1], parts[2], method.Value));
            }
        }
        return columns.ToImmutable();
    }
}
