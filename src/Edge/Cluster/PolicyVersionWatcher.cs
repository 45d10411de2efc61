using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Warden.Grains.Interfaces.Policy;

namespace Warden.Edge.Cluster;

/// <summary>
/// The newest policy version the cluster has, polled twice a second. Verdicts are cached under their
/// policy version, so when this moves every session's next statement misses the cache and is judged
/// under the new policy: a policy change reaches live sessions within about a second.
/// </summary>
internal sealed partial class PolicyVersionWatcher(IGrainFactory grains, ILogger<PolicyVersionWatcher> logger, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private long _version;

    public long Current => Volatile.Read(ref _version);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        do
        {
            try
            {
                var version = await grains.Policy().GetVersionAsync().WaitAsync(stoppingToken);
                if (version > Current)
                {
                    Volatile.Write(ref _version, version);
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                Log.PollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1100, LogLevel.Warning, "Polling the cluster's policy version failed")]
        public static partial void PollFailed(ILogger logger, Exception exception);
    }
}
