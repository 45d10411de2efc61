using System.Diagnostics;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>Runs the machine's psql against an edge, with the token in PGPASSWORD as a user would.</summary>
internal static class Psql
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(int port, string token, string sslMode, params string[] arguments)
    {
        var info = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add($"host=127.0.0.1 port={port} dbname=demo user=psql-user sslmode={sslMode}");
        foreach (var argument in new[] { "-X", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-At" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["PGPASSWORD"] = token;
        info.Environment["PGCONNECT_TIMEOUT"] = "15";
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, (await output).Trim(), (await error).Trim());
    }
}
