using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Warden.Silo.DevIssuer;

namespace Warden.Edge.Tests.SiloDevIssuer;

/// <summary>The mint handler called directly, to set a remote address a loopback test server cannot produce.</summary>
public sealed class DevIssuerEndpointsCallerTests
{
    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("10.0.0.5")]
    [InlineData("::ffff:192.0.2.10")]
    [InlineData("2001:db8::1")]
    public void MintToken_RemoteCaller_Returns403WithoutToken(string remoteAddress)
    {
        using var issuer = new DevTokenIssuer(new Uri("http://127.0.0.1:8080/dev"), TimeProvider.System);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);

        var result = DevIssuerEndpoints.MintToken(new DevTokenRequest("alice", ["dba"], 900), issuer, context);

        ProblemHttpResult problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status403Forbidden, problem.StatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void MintToken_LoopbackCaller_ReturnsToken(string remoteAddress)
    {
        using var issuer = new DevTokenIssuer(new Uri("http://127.0.0.1:8080/dev"), TimeProvider.System);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);

        var result = DevIssuerEndpoints.MintToken(new DevTokenRequest("alice", ["dba"], 900), issuer, context);

        Ok<DevTokenResponse> ok = Assert.IsType<Ok<DevTokenResponse>>(result.Result);
        Assert.False(string.IsNullOrEmpty(ok.Value?.Token));
    }
}
