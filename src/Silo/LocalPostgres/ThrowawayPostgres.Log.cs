using Microsoft.Extensions.Logging;

namespace Warden.Silo.LocalPostgres;

internal sealed partial class ThrowawayPostgres
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Starting a throwaway PostgreSQL from {BinDirectory} in {Directory}")]
        public static partial void Starting(ILogger logger, string binDirectory, string directory);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Throwaway PostgreSQL ready on {Host}:{Port} after {ElapsedMs} ms")]
        public static partial void Started(ILogger logger, string host, int port, long elapsedMs);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Port {Port} was taken before PostgreSQL could bind it; trying another")]
        public static partial void PortTaken(ILogger logger, int port, Exception exception);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Throwaway PostgreSQL on port {Port} stopped")]
        public static partial void Stopped(ILogger logger, int port);

        [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Throwaway PostgreSQL on port {Port} did not stop cleanly")]
        public static partial void StopFailed(ILogger logger, int port, Exception exception);

        [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Could not delete {Directory}")]
        public static partial void CleanupFailed(ILogger logger, string directory, Exception exception);
    }
}
