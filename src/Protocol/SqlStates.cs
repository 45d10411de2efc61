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

    /// <summary>io_error: Warden could not record the statement (recording store unavailable); it was not run.</summary>
    public const string RecordingUnavailable = "58030";
}
