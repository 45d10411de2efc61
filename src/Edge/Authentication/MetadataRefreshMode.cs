namespace Warden.Edge.Authentication;

/// <summary>
/// Makes ConfigurationManager.RequestRefresh take effect on the next GetConfigurationAsync, which then fetches
/// before returning. By default (IdentityModel 8.x) the refresh runs on a background thread, so the immediate
/// retry after an unknown key id still sees the old keys and the first connection after a key rotation fails.
/// IdentityModel reads the switch once, at its first use in the process (creating or validating any token
/// counts), so hosts must set it in runtimeconfig:
/// <c>&lt;RuntimeHostConfigurationOption Include="Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking" Value="true" /&gt;</c>.
/// </summary>
internal static class MetadataRefreshMode
{
    public const string BlockingSwitch = "Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking";

    /// <summary>
    /// Sets the switch as a fallback (effective only if IdentityModel has not run yet) and reports whether the
    /// host had already configured it, so a missing runtimeconfig entry shows up in the log.
    /// </summary>
    public static bool EnsureBlocking()
    {
        if (AppContext.TryGetSwitch(BlockingSwitch, out bool enabled) && enabled)
            return true;
        AppContext.SetSwitch(BlockingSwitch, true);
        return false;
    }
}
