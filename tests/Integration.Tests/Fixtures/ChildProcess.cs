using System.Diagnostics;
using System.Text;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>A built Warden program (Silo or Edge) run as its own process, its output kept for failure messages.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts src/<paramref name="project"/>'s build output (same configuration as this test build).</summary>
    public static ChildProcess Start(string project, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BuildOutput(project));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>
    /// Polls <paramref name="ready"/> until it holds (an HTTP error counts as not yet), failing with the
    /// process's output if it exits first or is not ready within 90 s.
    /// </summary>
    public async Task WaitUntilReadyAsync(Func<Task<bool>> ready)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            Assert.False(HasExited, "process exited early:\n" + Output);
            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail("process did not become ready:\n" + Output);
            }
            await Task.Delay(200);
        }
    }

    /// <summary>tests/Integration.Tests/bin/{Configuration}/net10.0 → src/{project}/bin/{Configuration}/net10.0/Warden.{project}.dll</summary>
    private static string BuildOutput(string project)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Cluster.sln")))
        {
            root = root.Parent;
        }
        var path = Path.Combine(root!.FullName, "src", project, "bin", configuration, framework, $"Warden.{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"build src/{project} first", path);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
