using Warden.Grains.Interfaces.Masking;
using Warden.Grains.Interfaces.Objects;
using Warden.Grains.Masking;
using Warden.Policy.Masking;
using Warden.Policy.Recording;

namespace Warden.Grains.Tests.Masking;

public sealed class SampleMaskingPlanTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static readonly MaskedColumn[] Columns =
    [
        new("public", "customers", "email", MaskingMethod.Partial),
        new("public", "customers", "ssn", MaskingMethod.Redact),
    ];

    private static readonly MaskingDetector[] Detectors = [MaskingDetector.Email, MaskingDetector.Ssn];

    private static CatalogSnapshot Catalog(string columnsKey, params MaskedField[] fields) =>
        new(3, true, ["public"], [], new CatalogMasking(columnsKey, fields, 99_000));

    [Fact]
    public void Build_ResultsNone_NoSamples()
    {
        var outcome = SampleMaskingPlan.Build(RecordedResults.None, Columns, Detectors, Catalog(MaskingContracts.KeyOf(Columns)), Key);
        Assert.Null(outcome.Masking);
        Assert.False(outcome.CatalogBehind);
    }

    [Fact]
    public void Build_NoMaskedColumns_DetectorsOnlyWithoutCatalog()
    {
        var outcome = SampleMaskingPlan.Build(RecordedResults.Masked, [], Detectors, catalog: null, Key);
        var masking = Assert.IsType<SampleMasking>(outcome.Masking);
        Assert.Empty(masking.Fields);
        Assert.False(masking.MasksColumns);
        Assert.Equal([MaskDetector.Email, MaskDetector.Ssn], masking.Detectors);
    }

    [Fact]
    public void Build_NothingToMaskBy_NoSamples()
    {
        var outcome = SampleMaskingPlan.Build(RecordedResults.Masked, [], [], catalog: null, Key);
        Assert.Null(outcome.Masking);
        Assert.False(outcome.CatalogBehind);
    }

    [Fact]
    public void Build_CatalogResolvedTheseColumns_FieldsKeyAndWatermark()
    {
        var field = new MaskedField(16390, 3, MaskMethod.Partial);
        var outcome = SampleMaskingPlan.Build(RecordedResults.Masked, Columns, Detectors, Catalog(MaskingContracts.KeyOf(Columns), field), Key);
        var masking = Assert.IsType<SampleMasking>(outcome.Masking);
        Assert.Equal([field], masking.Fields);
        Assert.True(masking.MasksColumns);
        Assert.Equal(Key, masking.HashKey);
        Assert.Equal(99_000u, masking.KnownRelationsUpTo);
        Assert.DoesNotContain("1, 2, 3", masking.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_CatalogNotLoaded_NoSamples()
    {
        var outcome = SampleMaskingPlan.Build(RecordedResults.Masked, Columns, Detectors, CatalogSnapshot.NotLoaded, Key);
        Assert.Null(outcome.Masking);
        Assert.False(outcome.CatalogBehind);
    }

    [Fact]
    public void Build_CatalogResolvedOtherColumns_NoSamplesAndAsksForReload()
    {
        var older = MaskingContracts.KeyOf(Columns[..1]);
        var outcome = SampleMaskingPlan.Build(RecordedResults.Masked, Columns, Detectors, Catalog(older), Key);
        Assert.Null(outcome.Masking);
        Assert.True(outcome.CatalogBehind);
    }

    [Fact]
    public void Build_SameColumnOtherMethod_IsAnotherKey()
    {
        MaskedColumn[] hashed = [Columns[0] with { Method = MaskingMethod.Hash }, Columns[1]];
        Assert.NotEqual(MaskingContracts.KeyOf(Columns), MaskingContracts.KeyOf(hashed));
    }

    [Theory]
    [InlineData(MaskMethod.Partial, MaskMethod.Hash, MaskMethod.Hash)]
    [InlineData(MaskMethod.Hash, MaskMethod.Redact, MaskMethod.Redact)]
    [InlineData(MaskMethod.Redact, MaskMethod.Partial, MaskMethod.Redact)]
    [InlineData(MaskMethod.Null, MaskMethod.Redact, MaskMethod.Null)]
    [InlineData(MaskMethod.Partial, MaskMethod.Partial, MaskMethod.Partial)]
    public void Strictest_RanksByWhatTheMethodReveals(MaskMethod a, MaskMethod b, MaskMethod expected)
    {
        Assert.Equal(expected, MaskMethods.Strictest(a, b));
        Assert.Equal(expected, MaskMethods.Strictest(b, a));
    }

    [Fact]
    public void MaskingKey_ConfiguredBase64_UsedAndShortKeyRefused()
    {
        var configured = MaskingKey.From(new MaskingOptions { HashKey = Convert.ToBase64String(Key) });
        Assert.Equal(Key, configured.Bytes);
        Assert.False(configured.Generated);
        Assert.Throws<FormatException>(() => MaskingKey.From(new MaskingOptions { HashKey = Convert.ToBase64String(new byte[8]) }));
        Assert.Throws<FormatException>(() => MaskingKey.From(new MaskingOptions { HashKey = "not base64!" }));
        var generated = MaskingKey.From(new MaskingOptions());
        Assert.True(generated.Generated);
        Assert.Equal(32, generated.Bytes.Length);
    }
}
