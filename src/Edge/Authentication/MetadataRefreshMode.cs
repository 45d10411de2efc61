namespace Warden.Edge.Authentication;

/// <summary>
/// Makes ConfigurationManager.RequestRefresh take effect on the next GetConfigurationAsync, which then fetches
/// before returning. By default (8.x) the refresh runs on a background thread and the immediate retry after an
/// unknown key id would still see the old keys, so the first connection after a key rotation would fail.
/// The switch is process-wide and read once by the library, so it must be set before any configuration
/// manager runs; the edge host should also set it in runtimeconfig (RuntimeHostConfigurationOption).
/// </summary>
internal static class MetadataRefreshMode
{
    public const string BlockingSwitch = "Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking";

    public static void EnsureBlocking() => AppContext.SetSwitch(BlockingSwitch, true);
}
