using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Warden.Grains.Interfaces.Policy;
using Warden.Policy.Loading;

namespace Warden.Grains.Policy;

/// <summary>
/// Keeps this silo's <see cref="PolicyRuntime"/> at the cluster's policy version. At start it offers the
/// bootstrap policy (the first silo's wins; a later silo adopts what the cluster has), then polls the
/// policy grain's version twice a second. Polling, not observers: it is one cheap call per silo and it
/// cannot miss a change the way a lost notification could.
/// </summary>
public sealed partial class PolicySync(
    IGrainFactory grains, PolicyRuntime runtime, PolicyDocument bootstrap, ILogger<PolicySync> logger, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the edge listens: sessions must start under the cluster's version, not the file's.
        var document = await grains.Policy().InitializeAsync(bootstrap).WaitAsync(cancellationToken);
        Apply(document);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var version = await grains.Policy().GetVersionAsync();
                if (version > runtime.Current.Version && await grains.Policy().GetDocumentAsync() is { } document)
                {
                    Apply(document);
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                Log.PollFailed(logger, e);
            }
        }
    }

    private void Apply(PolicyDocument document)
    {
        if (document.Version <= runtime.Current.Version)
        {
            return;
        }
        var loaded = PolicyLoader.Load(document.Yaml, document.SourcePath);
        if (!loaded.Succeeded)
        {
            // Another silo accepted it, so the difference is local (an env var or secret file missing here).
            Log.LoadFailed(logger, document.Version, loaded.Describe());
            return;
        }
        if (runtime.Install(loaded.Snapshot.WithVersion(document.Version)))
        {
            Log.Installed(logger, document.Version);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2100, LogLevel.Information, "Policy version {Version} installed")]
        public static partial void Installed(ILogger logger, long version);

        [LoggerMessage(2101, LogLevel.Error, "Policy version {Version} cannot be loaded on this silo; keeping the previous version: {Errors}")]
        public static partial void LoadFailed(ILogger logger, long version, string errors);

        [LoggerMessage(2102, LogLevel.Warning, "Polling the policy version failed")]
        public static partial void PollFailed(ILogger logger, Exception exception);
    }
}
