using System.Net;
using Microsoft.Extensions.Logging;

namespace Warden.Edge.Connections;

/// <summary>Connection log events (ids 1000–1099). Never logs tokens, passwords or statement results.</summary>
internal sealed partial class ClientConnection
{
    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Information, "Session {SessionId} started: subject {Subject}, target {Target}, rule {Rule}, role {Role}")]
        public static partial void SessionStarted(ILogger logger, Guid sessionId, string subject, string target, string rule, string role);

        [LoggerMessage(1001, LogLevel.Warning, "Protocol violation from {Remote}: {SqlState} {Message}")]
        public static partial void ProtocolViolation(ILogger logger, IPEndPoint? remote, string sqlState, string message);

        [LoggerMessage(1002, LogLevel.Information, "Token from {Remote} rejected: {Reason}")]
        public static partial void TokenRejected(ILogger logger, IPEndPoint? remote, string reason);

        [LoggerMessage(1003, LogLevel.Information, "Session for {Subject} on target {Target} refused: {Reason}")]
        public static partial void SessionRefused(ILogger logger, string subject, string target, string? reason);

        [LoggerMessage(1004, LogLevel.Error, "Upstream login failed for session {SessionId}: {Detail}")]
        public static partial void UpstreamLoginFailed(ILogger logger, Guid sessionId, string detail);

        [LoggerMessage(1005, LogLevel.Debug, "Connection from {Remote} lost: {Detail}")]
        public static partial void ConnectionLost(ILogger logger, IPEndPoint? remote, string detail);

        [LoggerMessage(1006, LogLevel.Error, "Warden cluster unreachable")]
        public static partial void ClusterUnreachable(ILogger logger, Exception exception);

        [LoggerMessage(1007, LogLevel.Information, "Cancel request from {Remote} matched no session")]
        public static partial void CancelKeyUnknown(ILogger logger, IPEndPoint? remote);

        [LoggerMessage(1010, LogLevel.Warning, "Cancel request for gateway backend {ProcessId} could not reach upstream: {Detail}")]
        public static partial void CancelFailed(ILogger logger, int processId, string detail);

        [LoggerMessage(1009, LogLevel.Error, "Internal error in session {SessionId}")]
        public static partial void InternalError(ILogger logger, Guid sessionId, Exception exception);

        [LoggerMessage(1008, LogLevel.Information, "Cancel request for gateway backend {ProcessId} forwarded upstream")]
        public static partial void CancelForwarded(ILogger logger, int processId);

        [LoggerMessage(1011, LogLevel.Warning,
            "Session {SessionId} stopped recording sample rows part-way: a reply did not fit the requests the edge saw, so it could no longer tell which description rows followed")]
        public static partial void SamplesStopped(ILogger logger, Guid sessionId);
    }
}
