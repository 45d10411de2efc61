using System.Text;
using Warden.Protocol.Authentication;

namespace Warden.Protocol.Tests.Authentication;

public sealed class ScramSha256ClientTests
{
    // RFC 7677 §3 test vector.
    private const string ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    private static ScramSha256Client Rfc7677Client() => new("pencil", "rOprNGfwEbeRWgbNEkqO", "user");

    [Fact]
    public void ClientFinalMessage_Rfc7677Vector_MatchesProof()
    {
        var client = Rfc7677Client();
        Assert.Equal("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", client.ClientFirstMessage());
        Assert.Equal(
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
            client.ClientFinalMessage(ServerFirst));
        client.VerifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    [Fact]
    public void VerifyServerFinal_WrongSignature_Throws()
    {
        var client = Rfc7677Client();
        client.ClientFirstMessage();
        client.ClientFinalMessage(ServerFirst);
        Assert.Throws<ScramException>(() => client.VerifyServerFinal("v=" + Convert.ToBase64String(new byte[32])));
    }

    [Fact]
    public void ClientFinalMessage_ServerNonceNotExtendingClientNonce_Throws()
    {
        var client = Rfc7677Client();
        client.ClientFirstMessage();
        Assert.Throws<ScramException>(() => client.ClientFinalMessage("r=someoneelse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    }

    [Fact]
    public void Md5Password_PostgresUser_MatchesStoredHashChallenge()
    {
        // PostgreSQL stores md5("postgres" + "postgres") = md53175bce1d3201d16594cebf9d7eb3f9d for user postgres;
        // the wire answer is "md5" + md5(that hex + salt).
        var salt = Encoding.ASCII.GetBytes("abcd");
        var expected = "md5" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.ASCII.GetBytes("3175bce1d3201d16594cebf9d7eb3f9dabcd")));
        Assert.Equal(expected, Md5Password.Compute("postgres", "postgres", salt));
    }
}
