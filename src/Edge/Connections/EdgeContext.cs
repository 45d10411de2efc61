using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Warden.Edge.Authentication;
using Warden.Edge.Cluster;
using Warden.Edge.Hosting;
using Warden.Edge.Statements;

namespace Warden.Edge.Connections;

/// <summary>The edge-wide services every client connection uses, resolved once.</summary>
internal sealed class EdgeContext(
    IOptions<EdgeOptions> options,
    EdgeCertificate certificate,
    TokenValidator tokens,
    IGrainFactory grains,
    VerdictCache verdicts,
    PolicyVersionWatcher policyVersion,
    ILoggerFactory loggers,
    TimeProvider time)
{
    public EdgeOptions Options { get; } = options.Value;
    public EdgeCertificate Certificate { get; } = certificate;
    public TokenValidator Tokens { get; } = tokens;
    public IGrainFactory Grains { get; } = grains;
    public VerdictCache Verdicts { get; } = verdicts;
    public PolicyVersionWatcher PolicyVersion { get; } = policyVersion;
    public ILogger Logger { get; } = loggers.CreateLogger("Warden.Edge.Connections");
    public TimeProvider Time { get; } = time;
}
