using System.Diagnostics;

namespace Warden.Silo.LocalPostgres;

/// <summary>Finds the directory holding the PostgreSQL server programs (initdb, pg_ctl, postgres).</summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";
    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];

    /// <summary>Returns the first candidate that holds every required program, in the documented order.</summary>
    internal static string Locate(string? explicitDirectory)
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates(explicitDirectory))
        {
            tried.Add(candidate);
            if (RequiredPrograms.All(p => File.Exists(Path.Combine(candidate, p))))
            {
                return candidate;
            }

            // An explicit choice that is wrong should fail loudly rather than fall back silently.
            if (explicitDirectory is not null && candidate == explicitDirectory)
            {
                break;
            }
        }

        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found. Tried: "
            + (tried.Count == 0 ? "nothing" : string.Join(", ", tried))
            + $". Install the PostgreSQL server package or set {ThrowawayPostgresOptions.BinDirectoryVariable}.");
    }

    private static IEnumerable<string> Candidates(string? explicitDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            yield return explicitDirectory;
            yield break;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ThrowawayPostgresOptions.BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return fromEnvironment;
        }

        foreach (var versioned in DebianVersionDirectoriesNewestFirst())
        {
            yield return versioned;
        }

        if (PgConfigBinDirectory() is { } fromPgConfig)
        {
            yield return fromPgConfig;
        }

        foreach (var onPath in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return onPath;
        }
    }

    private static IEnumerable<string> DebianVersionDirectoriesNewestFirst()
    {
        if (!Directory.Exists(DebianRoot))
        {
            return [];
        }

        return Directory.EnumerateDirectories(DebianRoot)
            .Select(d => (Directory: d, Major: decimal.TryParse(Path.GetFileName(d), out var v) ? v : -1))
            .Where(d => d.Major >= 0)
            .OrderByDescending(d => d.Major)
            .Select(d => Path.Combine(d.Directory, "bin"));
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(5_000) && process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed.
        }
    }
}
