namespace Warden.Protocol.Messages;

/// <summary>
/// Type bytes of messages a client sends after startup.
/// https://www.postgresql.org/docs/current/protocol-message-formats.html
/// </summary>
public static class FrontendMessageType
{
    public const byte Bind = (byte)'B';
    public const byte Close = (byte)'C';
    public const byte CopyData = (byte)'d';
    public const byte CopyDone = (byte)'c';
    public const byte CopyFail = (byte)'f';
    public const byte Describe = (byte)'D';
    public const byte Execute = (byte)'E';
    public const byte Flush = (byte)'H';
    public const byte FunctionCall = (byte)'F';
    public const byte Parse = (byte)'P';
    /// <summary>PasswordMessage, SASLInitialResponse and SASLResponse share this byte.</summary>
    public const byte Password = (byte)'p';
    public const byte Query = (byte)'Q';
    public const byte Sync = (byte)'S';
    public const byte Terminate = (byte)'X';

    /// <summary>Messages valid from a client in the ready phase (after authentication).</summary>
    public static bool IsValidAfterStartup(byte type) => type switch
    {
        Bind or Close or CopyData or CopyDone or CopyFail or Describe or Execute or Flush
            or FunctionCall or Parse or Query or Sync or Terminate => true,
        _ => false,
    };
}
