using Warden.Silo.ControlDatabase;

namespace Warden.Silo.Hosting;

/// <summary>Brings the control database schema up to date before Orleans starts (it is registered first).</summary>
internal sealed class ControlDatabaseMigrationService(string connectionString, ILogger<ControlDatabaseMigrationService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        new ControlDatabaseMigrator(logger).MigrateAsync(connectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
