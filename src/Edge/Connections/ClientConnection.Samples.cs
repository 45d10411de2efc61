using Warden.Edge.Masking;
using Warden.Grains.Interfaces.Sessions;

namespace Warden.Edge.Connections;

/// <summary>
/// Sample rows for the recording (<c>recording.results: masked</c>): only a session whose plan says so gets a
/// <see cref="ResultSampler"/>, and only then does the relay look at RowDescription, DataRow and the messages that
/// say which description applies. Every other session's relay is exactly as without sampling.
/// </summary>
internal sealed partial class ClientConnection
{
    /// <summary>What a sampled session's reply pump looks at: the recorded replies, plus descriptions, rows and what pairs them with requests.</summary>
    private static ReadOnlySpan<byte> SampledReplies => "CIsVEZTDtn123GHWS"u8;

    private ResultSampler? _sampler;

    private void StartSampling(SessionPlan plan)
    {
        if (plan.ResultSamples is not { } masking || edge.Options.SampleRows == 0)
        {
            return;
        }
        var options = edge.Options;
        var clientEncoding = _upstream!.ParameterStatuses.LastOrDefault(p => p.Name == "client_encoding").Value;
        var watcher = edge.PolicyVersion;
        _sampler = new ResultSampler(
            masking, new SampleLimits(options.SampleRows, options.SampleValueChars, options.SampleBytesPerResult, StreamThreshold),
            clientEncoding, () => watcher.Current <= plan.PolicyVersion);
    }
}
