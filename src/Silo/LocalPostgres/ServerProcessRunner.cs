using System.Diagnostics;
using System.Text;

namespace Warden.Silo.LocalPostgres;

/// <summary>
/// Runs PostgreSQL's programs. initdb and postgres refuse to run as root, so when this process is root
/// they run as the <c>postgres</c> system user through <c>runuser</c>; otherwise they run as the current user.
/// </summary>
internal sealed class ServerProcessRunner(string binDirectory, string workingDirectory)
{
    internal const string ServerUser = "postgres";

    internal static bool RunningAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Runs a program from the bin directory; throws with its output if it exits non-zero.</summary>
    internal async Task<string> RunServerProgramAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(binDirectory, program);
        var result = RunningAsRoot
            ? await RunAsync("runuser", ["-u", ServerUser, "--", executable, .. arguments], cancellationToken).ConfigureAwait(false)
            : await RunAsync(executable, arguments, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with code {result.ExitCode}: {result.Output.Trim()}");
        }

        return result.Output;
    }

    /// <summary>Gives the server user the directory tree when running as root; a no-op otherwise.</summary>
    internal async Task HandOverToServerUserAsync(string directory, CancellationToken cancellationToken)
    {
        if (!RunningAsRoot)
        {
            return;
        }

        var result = await RunAsync("chown", ["-R", $"{ServerUser}:", directory], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown to {ServerUser} failed: {result.Output.Trim()}");
        }
    }

    internal async Task<(int ExitCode, string Output)> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The server user may not be able to enter the caller's directory (e.g. /root).
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // A fixed locale keeps initdb from depending on (or warning about) the caller's environment.
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment.Remove("PGPASSWORD");

        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
