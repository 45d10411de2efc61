namespace Warden.Edge.Upstream;

/// <summary>
/// The upstream server refused or broke the gateway's own login. The detail is for the operator's log;
/// the client only learns that the upstream login failed (it must not learn held role names or hosts).
/// </summary>
internal sealed class UpstreamLoginException(string detail, Exception? inner = null) : Exception(detail, inner);
