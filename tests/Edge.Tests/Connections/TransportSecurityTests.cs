using System.Net;
using Warden.Edge.Connections;

namespace Warden.Edge.Tests.Connections;

/// <summary>A token is accepted over TLS always, in plaintext only from loopback when development allows it.</summary>
public sealed class TransportSecurityTests
{
    [Theory]
    [InlineData(true, true, "127.0.0.1", true)]
    [InlineData(true, false, "127.0.0.1", true)]
    [InlineData(true, false, "203.0.113.7", true)]
    [InlineData(false, true, "127.0.0.1", true)]
    [InlineData(false, true, "127.0.0.53", true)]
    [InlineData(false, false, "127.0.0.1", false)]
    [InlineData(false, true, "203.0.113.7", false)]
    [InlineData(false, true, "0.0.0.0", false)]
    public void MayAcceptToken_TlsAndLoopbackCombinations_AcceptOnlyTlsOrAllowedLoopback(bool tls, bool allowLoopback, string remote, bool expected)
    {
        Assert.Equal(expected, TransportSecurity.MayAcceptToken(tls, IPAddress.Parse(remote), allowLoopback));
    }

    [Fact]
    public void MayAcceptToken_Ipv6Loopback_AcceptedWhenAllowed()
    {
        Assert.True(TransportSecurity.MayAcceptToken(false, IPAddress.IPv6Loopback, allowCleartextOnLoopback: true));
        Assert.False(TransportSecurity.MayAcceptToken(false, IPAddress.IPv6Loopback, allowCleartextOnLoopback: false));
    }

    [Theory]
    [InlineData("2001:db8::1")]
    [InlineData("fe80::1")]
    [InlineData("::")]
    [InlineData("::ffff:203.0.113.7")]
    [InlineData("::ffff:10.0.0.1")]
    public void MayAcceptToken_Ipv6NonLoopback_RefusedWithoutTls(string remote)
    {
        Assert.False(TransportSecurity.MayAcceptToken(false, IPAddress.Parse(remote), allowCleartextOnLoopback: true));
    }

    /// <summary>
    /// An edge listening on "::" (dual stack) sees an IPv4 client as an IPv4-mapped IPv6 address: 127.0.0.1 arrives
    /// as ::ffff:127.0.0.1. IPAddress.IsLoopback says true for exactly that mapped address but false for the rest of
    /// 127.0.0.0/8 mapped (::ffff:127.1.2.3), while it accepts 127.1.2.3 itself; the edge should map to IPv4 first.
    /// </summary>
    [Theory]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:127.1.2.3")]
    public void MayAcceptToken_Ipv4MappedLoopback_AcceptedWhenAllowed(string remote)
    {
        var mapped = IPAddress.Parse(remote);
        Assert.True(mapped.IsIPv4MappedToIPv6);
        Assert.True(TransportSecurity.MayAcceptToken(false, mapped.MapToIPv4(), allowCleartextOnLoopback: true));

        Assert.True(TransportSecurity.MayAcceptToken(false, mapped, allowCleartextOnLoopback: true));
        Assert.False(TransportSecurity.MayAcceptToken(false, mapped, allowCleartextOnLoopback: false));
    }

    [Fact]
    public void MayAcceptToken_UnknownRemote_RefusedWithoutTls()
    {
        Assert.False(TransportSecurity.MayAcceptToken(false, null, allowCleartextOnLoopback: true));
        Assert.True(TransportSecurity.MayAcceptToken(true, null, allowCleartextOnLoopback: false));
    }
}
