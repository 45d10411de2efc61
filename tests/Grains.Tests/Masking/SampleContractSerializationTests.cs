using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Warden.Grains.Interfaces.Masking;
using Warden.Grains.Interfaces.Recording;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Grains.Tests.Masking;

/// <summary>What travels between a separate edge and the silos survives Orleans serialization.</summary>
public sealed class SampleContractSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    [Fact]
    public void ResultEvent_WithSample_RoundTrips()
    {
        var rows = new List<IReadOnlyList<string?>> { new string?[] { "1", "a***@example.com", null }, new string?[] { "2", "****", "…" } };
        SessionEvent original = new ResultEvent(7, DateTimeOffset.UnixEpoch, "SELECT 2", 2, 1.5, ["id", "email", "note"], rows);
        var copy = Assert.IsType<ResultEvent>(RoundTrip(original));
        Assert.Equal(["id", "email", "note"], copy.Columns);
        Assert.Equal(rows.Select(r => r.ToArray()), copy.SampleRows!.Select(r => r.ToArray()));
    }

    [Fact]
    public void ResultEvent_WithoutSample_RoundTripsWithNulls()
    {
        var copy = Assert.IsType<ResultEvent>(RoundTrip<SessionEvent>(new ResultEvent(1, DateTimeOffset.UnixEpoch, "SET", null, 0)));
        Assert.Null(copy.Columns);
        Assert.Null(copy.SampleRows);
    }

    [Fact]
    public void SessionPlan_WithSampleMasking_RoundTrips()
    {
        var masking = new SampleMasking([new MaskedField(16390, 3, MaskMethod.Partial)], [MaskDetector.Email, MaskDetector.Ssn], true, [1, 2, 3], 99_000);
        var plan = new SessionPlan(Guid.NewGuid(), "r", "reader", new UpstreamEndpoint("h", 5432, "d", "u", "p", UpstreamTls.Disable), 3, true,
            DateTimeOffset.UnixEpoch, RecordingMode.Strict, false, masking);
        var copy = RoundTrip(plan).ResultSamples!;
        Assert.Equal(masking.Fields, copy.Fields);
        Assert.Equal(masking.Detectors, copy.Detectors);
        Assert.Equal(masking.HashKey, copy.HashKey);
        Assert.Equal((true, 99_000u), (copy.MasksColumns, copy.KnownRelationsUpTo));
        Assert.Null(RoundTrip(plan with { ResultSamples = null }).ResultSamples);
    }
}
