using Orleans.Concurrency;

namespace Warden.Grains.Interfaces.Objects;

/// <summary>
/// The catalog of one target (key: the target name): its schemas, relations and what views read, so
/// object-scoped rules can resolve unqualified names and see through views without a database round trip.
/// </summary>
[Alias("Warden.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>The current snapshot; <see cref="CatalogSnapshot.Loaded"/> is false until a load succeeded.</summary>
    [Alias("Get")]
    Task<CatalogSnapshot> GetAsync();

    /// <summary>Asks for a reload in the background (a session ran DDL); returns at once.</summary>
    [Alias("Refresh")]
    [OneWay]
    Task RefreshAsync();
}

public static class CatalogKeys
{
    public static ICatalogGrain Catalog(this IGrainFactory grains, string target) => grains.GetGrain<ICatalogGrain>(target);
}
