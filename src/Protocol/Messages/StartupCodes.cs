namespace Warden.Protocol.Messages;

/// <summary>
/// The Int32 after the length of an untyped startup-phase packet: a protocol version or a special request code.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html (StartupMessage, SSLRequest, GSSENCRequest, CancelRequest)
/// </summary>
public static class StartupCodes
{
    public const int ProtocolMajor3 = 3;
    /// <summary>Protocol 3.0, the version Warden speaks; newer minors are negotiated down.</summary>
    public const int Protocol30 = 196608;
    public const int SslRequest = 80877103;
    public const int GssEncRequest = 80877104;
    public const int CancelRequest = 80877102;

    /// <summary>First byte of a TLS ClientHello: a PostgreSQL 17+ client using sslnegotiation=direct.</summary>
    public const byte TlsHandshakeRecord = 0x16;

    /// <summary>PostgreSQL rejects startup packets longer than this (MAX_STARTUP_PACKET_LENGTH).</summary>
    public const int MaxStartupPacketLength = 10_000;
}
