using System.Diagnostics;
using System.Net.Sockets;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>
/// Azurite's blob service (installed globally from npm, as .ci/run does) on a free loopback port with its
/// own data directory. It can be stopped and started again on the same port and data, to take the
/// recording store away from a live session and bring it back.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _location = Directory.CreateTempSubdirectory("warden-azurite-").FullName;
    private Process? _process;

    public int Port { get; } = FreePorts.Next();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("azurite-blob") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(), "--location", _location, "--silent", "--skipApiVersionCheck", "--loose" })
        {
            info.ArgumentList.Add(argument);
        }
        try
        {
            _process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("azurite-blob is not installed: run `npm install -g azurite` (.ci/run does)", e);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.TrueAsync(ListeningAsync, $"Azurite listens on port {Port}", TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Stops Azurite, as an outage of the store looks to Warden. A polite SIGTERM first: Azurite keeps its
    /// metadata in memory and saves it on shutdown, so a hard kill would lose containers, not just availability.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        _process?.Dispose();
        _process = null;
        await Eventually.TrueAsync(async () => !await ListeningAsync(), $"port {Port} is free");
    }

    private async Task<bool> ListeningAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temporary directories.
        }
    }
}
