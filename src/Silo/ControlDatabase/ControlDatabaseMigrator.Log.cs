using Microsoft.Extensions.Logging;

namespace Warden.Silo.ControlDatabase;

internal sealed partial class ControlDatabaseMigrator
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Applying control-database migration {Version}")]
        public static partial void Applying(ILogger logger, string version);

        [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Control database up to date: {AppliedNow} migration(s) applied now, {Total} in all")]
        public static partial void UpToDate(ILogger logger, int appliedNow, int total);

        [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Created control database {Database}")]
        public static partial void CreatedDatabase(ILogger logger, string database);
    }
}
