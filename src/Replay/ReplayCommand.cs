using Warden.Recording;

namespace Warden.Replay;

/// <summary>The <c>warden-replay</c> command, callable in-process by tests: timeline (or JSON), then a
/// verification line. Exit 0 verified, 1 verification failed, 2 usage or I/O error.</summary>
internal static class ReplayCommand
{
    public const int Verified = 0;
    public const int VerificationFailed = 1;
    public const int UsageOrIoError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var options = ReplayOptions.Parse(args, Environment.GetEnvironmentVariable, out var problem);
        if (options is null)
        {
            await error.WriteLineAsync((problem is null ? "" : "warden-replay: " + problem + "\n\n") + ReplayOptions.Usage).ConfigureAwait(false);
            return problem is null ? Verified : UsageOrIoError;
        }

        try
        {
            var source = options.Session is { } session
                ? await RecordingSource.FromBlobAsync(options.ConnectionString!, options.Container!, session, ct).ConfigureAwait(false)
                : await RecordingSource.FromPathAsync(options.Path!, ct).ConfigureAwait(false);
            foreach (var warning in source.Warnings)
            {
                await error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
            }

            return await ReplayAsync(options, source, output, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RecordingNotFoundException
                                      or RecordingStoreUnavailableException or RecordingFormatException or FormatException or ArgumentException)
        {
            await error.WriteLineAsync("warden-replay: " + e.Message).ConfigureAwait(false);
            return UsageOrIoError;
        }
    }

    private static async Task<int> ReplayAsync(ReplayOptions options, RecordingSource source, TextWriter output, CancellationToken ct)
    {
        // Read once: the timeline and the verification must describe the same bytes.
        var lines = new List<string>();
        await foreach (var line in source.ReadLines(ct).ConfigureAwait(false))
        {
            lines.Add(line);
        }

        if (!options.VerifyOnly)
        {
            if (options.Json)
            {
                await RecordingTimeline.WriteJsonAsync(lines.ToAsyncEnumerable(), output, ct).ConfigureAwait(false);
            }
            else
            {
                RecordingTimeline.Write(lines, output);
                await output.WriteLineAsync().ConfigureAwait(false);
            }
        }

        var anchor = options.Anchor ?? source.ManifestAnchor;
        var result = await RecordingVerifier.VerifyAsync(lines.ToAsyncEnumerable(), anchor, options.AllowOpen, ct).ConfigureAwait(false);
        var report = VerificationReport.Describe(result, source.Description, anchor, fromCluster: options.Anchor is not null);
        // With --json, stdout stays pure JSON lines; the verdict goes to the exit code and stderr.
        await (options.Json && !options.VerifyOnly ? Console.Error : output).WriteLineAsync(report).ConfigureAwait(false);
        return result.Ok ? Verified : VerificationFailed;
    }
}
