using Microsoft.Extensions.Logging;
using Warden.Grains.Interfaces.Masking;
using Warden.Grains.Interfaces.Objects;
using Warden.Grains.Masking;
using Warden.Policy;

namespace Warden.Grains.Sessions;

/// <summary>
/// Sample rows (<c>recording.results: masked</c>): at open, the plan gets how the edge masks the rows it records,
/// built from the policy and the target's catalog (<see cref="SampleMaskingPlan"/>).
/// </summary>
internal sealed partial class SessionGrain
{
    private async Task<SampleMasking?> ResultSamplesAsync(PolicySnapshot policy, string target)
    {
        var masking = policy.Masking;
        ICatalogGrain? catalogGrain = null;
        CatalogSnapshot? catalog = null;
        if (policy.Recording.Results == Warden.Policy.Recording.RecordedResults.Masked && !masking.Columns.IsEmpty)
        {
            catalogGrain = GrainFactory.Catalog(target);
            try
            {
                catalog = await catalogGrain.GetAsync();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // Fail closed: no catalog, no samples (the session itself still runs).
                catalog = null;
            }
        }
        var outcome = SampleMaskingPlan.Build(policy.Recording.Results, masking.Columns, masking.Detectors, catalog, maskingKey.Bytes);
        if (catalogGrain is not null && outcome.Masking is null)
        {
            Log.SamplesOff(logger, this.GetPrimaryKey(), target);
            if (outcome.CatalogBehind)
            {
                await catalogGrain.RefreshAsync();
            }
        }
        return outcome.Masking;
    }

    private static partial class Log
    {
        [LoggerMessage(2004, LogLevel.Warning, "Session {SessionId}: no sample rows are recorded: the masked columns are not resolved in the catalog of target {Target}")]
        public static partial void SamplesOff(ILogger logger, Guid sessionId, string target);
    }
}
