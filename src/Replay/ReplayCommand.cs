namespace Warden.Replay;

/// <summary>The <c>warden-replay</c> command, callable in-process by tests.</summary>
internal static class ReplayCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct) =>
        throw new NotImplementedException();
}
