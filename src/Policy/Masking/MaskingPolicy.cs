using System.Collections.Immutable;

namespace Warden.Policy.Masking;

/// <summary>A column masked wherever it is read (YAML key <c>schema.table.column</c>), matched against catalog names exactly.</summary>
public sealed record MaskedColumn(string Schema, string Table, string Column, MaskingMethod Method)
{
    public string QualifiedName => $"{Schema}.{Table}.{Column}";
}

/// <summary>The <c>masking</c> section.</summary>
public sealed class MaskingPolicy
{
    internal static readonly MaskingPolicy None = new([], [], []);

    internal MaskingPolicy(ImmutableArray<MaskedColumn> columns, ImmutableArray<MaskingDetector> detectors, ImmutableArray<string> exemptGroups)
    {
        Columns = columns;
        Detectors = detectors;
        ExemptGroups = exemptGroups;
    }

    /// <summary>In file order.</summary>
    public ImmutableArray<MaskedColumn> Columns { get; }

    /// <summary>Distinct, in file order.</summary>
    public ImmutableArray<MaskingDetector> Detectors { get; }

    /// <summary>Callers in any of these groups see unmasked values.</summary>
    public ImmutableArray<string> ExemptGroups { get; }

    public bool IsExempt(IEnumerable<string> groups) => NameLists.Intersects(ExemptGroups, groups);
}
