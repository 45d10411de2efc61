namespace Warden.Protocol.Messages;

/// <summary>The Int32 that follows the 'R' type byte. https://www.postgresql.org/docs/current/protocol-message-formats.html</summary>
public static class AuthenticationCode
{
    public const int Ok = 0;
    public const int CleartextPassword = 3;
    public const int Md5Password = 5;
    public const int Sasl = 10;
    public const int SaslContinue = 11;
    public const int SaslFinal = 12;
}
