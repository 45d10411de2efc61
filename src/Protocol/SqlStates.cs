namespace Warden.Protocol;

/// <summary>SQLSTATE codes Warden sends. https://www.postgresql.org/docs/current/errcodes-appendix.html</summary>
public static class SqlStates
{
    public const string ProtocolViolation = "08P01";
    public const string ConnectionFailure = "08006";
    public const string UnableToConnect = "08001";
    public const string FeatureNotSupported = "0A000";
    public const string InvalidAuthorizationSpecification = "28000";
    public const string InvalidPassword = "28P01";
    public const string InsufficientPrivilege = "42501";
    public const string AdminShutdown = "57P01";
    public const string CannotConnectNow = "57P03";
    public const string TooManyConnections = "53300";
    public const string InternalError = "XX000";

    /// <summary>
    /// object_not_in_prerequisite_state: the statement was not run because Warden could not record it first
    /// (the recording store is unavailable); the session goes on. Not class 58 (system error), although it
    /// is closer in meaning: drivers such as Npgsql take class 58 for a broken server and drop the connection.
    /// </summary>
    public const string RecordingUnavailable = "55000";

    /// <summary>io_error, FATAL: the recording store stayed unavailable so long that Warden ended the session.</summary>
    public const string RecordingFailed = "58030";
}
