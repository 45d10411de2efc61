using System.Buffers;
using System.Buffers.Binary;
using System.Net.Security;
using Warden.Protocol;
using Warden.Protocol.Messages;

namespace Warden.Edge.Connections;

/// <summary>
/// The startup phase: SSLRequest, GSSENCRequest, direct TLS, CancelRequest and finally the StartupMessage.
/// https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL
/// </summary>
internal sealed partial class ClientConnection
{
    /// <summary>PostgreSQL 17 direct TLS requires this ALPN protocol; without it the connection is refused.</summary>
    private static readonly SslApplicationProtocol PostgresAlpn = new("postgresql");

    /// <summary>The client's StartupMessage, or null when the connection ended without one (a cancel, a probe).</summary>
    private async Task<StartupMessage?> NegotiateStartupAsync(CancellationToken ct)
    {
        // SSLRequest and GSSENCRequest may each come once before the StartupMessage.
        for (var round = 0; round < 3; round++)
        {
            if (!_tls && await StartsWithTlsRecordAsync(ct).ConfigureAwait(false))
            {
                await StartTlsAsync(direct: true, ct).ConfigureAwait(false);
                continue;
            }
            var packet = await PipeFrames.ReadStartupPacketAsync(_client.Input, ct).ConfigureAwait(false);
            if (packet is null)
            {
                return null;
            }
            var code = BinaryPrimitives.ReadInt32BigEndian(packet);
            switch (code)
            {
                case StartupCodes.SslRequest:
                    await AnswerSslRequestAsync(ct).ConfigureAwait(false);
                    break;
                case StartupCodes.GssEncRequest:
                    // No GSSAPI encryption: 'N' tells the client to go on without it.
                    await WriteRawAsync((byte)'N', ct).ConfigureAwait(false);
                    break;
                case StartupCodes.CancelRequest:
                    await ForwardCancelAsync(CancelRequest.Parse(new ReadOnlySequence<byte>(packet))).ConfigureAwait(false);
                    return null;
                default:
                    if (code >> 16 != StartupCodes.ProtocolMajor3)
                    {
                        throw new ProtocolException(SqlStates.FeatureNotSupported, $"unsupported frontend protocol {code >> 16}.{code & 0xFFFF}: Warden speaks 3.0");
                    }
                    return StartupMessage.Parse(new ReadOnlySequence<byte>(packet));
            }
        }
        throw ProtocolException.Malformed("too many negotiation requests before the startup message");
    }

    private async Task<bool> StartsWithTlsRecordAsync(CancellationToken ct)
    {
        var result = await _client.Input.ReadAsync(ct).ConfigureAwait(false);
        var tls = !result.Buffer.IsEmpty && result.Buffer.FirstSpan[0] == StartupCodes.TlsHandshakeRecord;
        // Consume nothing: the bytes are read again by TLS or the startup packet reader.
        _client.Input.AdvanceTo(result.Buffer.Start);
        return tls;
    }

    private async Task AnswerSslRequestAsync(CancellationToken ct)
    {
        if (_tls)
        {
            throw ProtocolException.Malformed("SSLRequest received on an encrypted connection");
        }
        // Bytes after an SSLRequest and before the handshake could be injected by a man in the middle
        // (CVE-2021-23214): refuse them, as PostgreSQL does.
        if (_client.Input.TryRead(out var pending))
        {
            var unencrypted = !pending.Buffer.IsEmpty;
            _client.Input.AdvanceTo(pending.Buffer.Start);
            if (unencrypted)
            {
                throw ProtocolException.Malformed("received unencrypted data after SSL request");
            }
        }
        if (edge.Certificate.Certificate is null)
        {
            await WriteRawAsync((byte)'N', ct).ConfigureAwait(false);
            return;
        }
        await WriteRawAsync((byte)'S', ct).ConfigureAwait(false);
        await StartTlsAsync(direct: false, ct).ConfigureAwait(false);
    }

    private async Task StartTlsAsync(bool direct, CancellationToken ct)
    {
        if (edge.Certificate.Certificate is null)
        {
            // Direct TLS to an edge without a certificate: nothing sensible to answer in plaintext.
            throw ProtocolException.Malformed("TLS is not configured on this edge");
        }
        var ssl = new SslStream(new DuplexStream(_client), leaveInnerStreamOpen: true);
        _tlsStream = ssl;
        await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = edge.Certificate.Certificate,
            ApplicationProtocols = [PostgresAlpn],
            ClientCertificateRequired = false,
        }, ct).ConfigureAwait(false);
        if (direct && ssl.NegotiatedApplicationProtocol != PostgresAlpn)
        {
            // Required by the protocol for direct TLS (PostgreSQL 17): guards against cross-protocol attacks.
            throw new System.Security.Authentication.AuthenticationException("direct TLS without ALPN \"postgresql\"");
        }
        _client = new StreamPipe(ssl);
        _tls = true;
    }

    private async Task WriteRawAsync(byte value, CancellationToken ct)
    {
        _client.Output.GetSpan(1)[0] = value;
        _client.Output.Advance(1);
        await _client.Output.FlushAsync(ct).ConfigureAwait(false);
    }
}
