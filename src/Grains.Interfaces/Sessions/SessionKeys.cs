namespace Warden.Grains.Interfaces.Sessions;

/// <summary>Builds grain references from their natural keys, so call sites never build key strings.</summary>
public static class SessionKeys
{
    public static ISessionGrain Session(this IGrainFactory grains, Guid sessionId) =>
        grains.GetGrain<ISessionGrain>(sessionId);
}
