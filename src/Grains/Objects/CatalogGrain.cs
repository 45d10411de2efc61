using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Warden.Grains.Interfaces.Objects;
using Warden.Grains.Policy;

namespace Warden.Grains.Objects;

/// <summary>
/// One target's catalog, loaded through <see cref="ICatalogSource"/> with the target's first role, kept in
/// memory and reloaded on a timer and when a session ran DDL. With it, the policy's masked columns as this
/// target resolves them (for sessions' sample rows); a session that finds them resolved for other columns (the
/// policy changed) asks for a reload. Until a load succeeds the snapshot says
/// <see cref="CatalogSnapshot.Loaded"/> = false and name resolution fails closed.
/// </summary>
/// <remarks>
/// A load runs off the grain's turn (started, not awaited), so <see cref="GetAsync"/> keeps answering with the
/// previous snapshot meanwhile; its continuation runs on the grain's scheduler, so fields change single-threaded.
/// The refresh after DDL waits <see cref="CatalogOptions.RefreshDelay"/>: the session grain hears of the DDL
/// before the statement runs. The resolver's rule (every schema up to the first that has the name) keeps names
/// safe while the snapshot lags behind a CREATE; DROP by others is seen at the next load (honest limit).
/// </remarks>
internal sealed partial class CatalogGrain(
    PolicyRuntime policies,
    ICatalogSource source,
    IOptions<CatalogOptions> options,
    ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private CatalogSnapshot _snapshot = CatalogSnapshot.NotLoaded;
    private long _loads;
    private Task? _loading;
    private bool _refreshQueued;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.RefreshInterval;
        this.RegisterGrainTimer(() => StartLoad(), new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        // The first session's first statement waits for the first load (bounded), instead of failing closed.
        var first = StartLoad();
        await Task.WhenAny(first, Task.Delay(options.Value.FirstLoadWait, cancellationToken));
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<CatalogSnapshot> GetAsync() => Task.FromResult(_snapshot);

    public Task RefreshAsync()
    {
        if (!_refreshQueued)
        {
            _refreshQueued = true;
            _ = RefreshLaterAsync();
        }
        return Task.CompletedTask;
    }

    private async Task RefreshLaterAsync()
    {
        await Task.Delay(options.Value.RefreshDelay);
        _refreshQueued = false;
        await StartLoad();
    }

    /// <summary>One load at a time; a request during a load gets that load.</summary>
    private Task StartLoad() => _loading is { IsCompleted: false } running ? running : _loading = LoadAsync();

    private async Task LoadAsync()
    {
        var targetName = this.GetPrimaryKeyString();
        var target = policies.Current.FindTarget(targetName);
        if (target is null || target.Roles.IsEmpty)
        {
            _snapshot = CatalogSnapshot.NotLoaded;
            return;
        }
        try
        {
            using var timeout = new CancellationTokenSource(options.Value.LoadTimeout);
            var contents = await source.LoadAsync(target, target.Roles[0], policies.Current.Masking.Columns, timeout.Token);
            _snapshot = new CatalogSnapshot(++_loads, true, contents.Schemas, contents.Relations, contents.Masking);
            Log.Loaded(logger, targetName, contents.Relations.Count, _loads);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Keep the last good snapshot (if any): resolution against it stays conservative, see RelationResolver.
            Log.LoadFailed(logger, targetName, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2100, LogLevel.Debug, "Catalog of target {Target} loaded: {Relations} relations (load {Load})")]
        public static partial void Loaded(ILogger logger, string target, int relations, long load);

        [LoggerMessage(2101, LogLevel.Warning, "Catalog of target {Target} could not be loaded: {Failure}; unqualified names resolve to every schema of the path")]
        public static partial void LoadFailed(ILogger logger, string target, string failure);
    }
}

/// <summary>How the catalog grains keep their snapshots fresh.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Warden:Catalog";

    /// <summary>Reload period (default 60 s): picks up DDL done outside Warden.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait after a session reports DDL before reloading (default 1 s), since the DDL runs after its verdict.</summary>
    public TimeSpan RefreshDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a session's first statement waits for the first load (default 5 s).</summary>
    public TimeSpan FirstLoadWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Bound on one load (default 15 s).</summary>
    public TimeSpan LoadTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
