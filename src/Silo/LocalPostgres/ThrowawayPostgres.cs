using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Warden.Silo.LocalPostgres;

/// <summary>
/// A private PostgreSQL server in a temporary directory, listening on 127.0.0.1 at a free port, with
/// a generated superuser password and password authentication over TCP. Used by <c>--demo</c> and by
/// test fixtures. Disposing stops the server and deletes the directory.
/// </summary>
internal sealed partial class ThrowawayPostgres : IAsyncDisposable
{
    private const int PortAttempts = 3;

    private readonly ServerProcessRunner _runner;
    private readonly ILogger _logger;
    private int _disposed;

    private ThrowawayPostgres(string rootDirectory, ServerProcessRunner runner, string superuserName, string superuserPassword, ILogger logger)
    {
        RootDirectory = rootDirectory;
        _runner = runner;
        SuperuserName = superuserName;
        SuperuserPassword = superuserPassword;
        _logger = logger;
    }

    public string Host => ServerConfiguration.LoopbackAddress;

    public int Port { get; private set; }

    public string SuperuserName { get; }

    public string SuperuserPassword { get; }

    /// <summary>Holds data/, the unix socket and server.log.</summary>
    public string RootDirectory { get; }

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    private string ServerLogPath => Path.Combine(RootDirectory, "server.log");

    /// <summary>Creates, starts and waits for a new server; on any failure nothing is left behind.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(ThrowawayPostgresOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new ThrowawayPostgresOptions();
        logger ??= NullLogger.Instance;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);

        var binDirectory = PostgresBinaries.Locate(options.BinDirectory);
        var root = CreateRootDirectory(options.ParentDirectory);
        var server = new ThrowawayPostgres(root, new ServerProcessRunner(binDirectory, root), options.SuperuserName, GeneratedPassword.Create(), logger);
        try
        {
            Log.Starting(logger, binDirectory, root);
            var stopwatch = Stopwatch.StartNew();
            await server.InitializeClusterAsync(options, timeout.Token).ConfigureAwait(false);
            await server.StartServerAsync(timeout.Token).ConfigureAwait(false);
            await server.WaitUntilAcceptingAsync(timeout.Token).ConfigureAwait(false);
            Log.Started(logger, server.Host, server.Port, stopwatch.ElapsedMilliseconds);
            return server;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var log = server.ReadServerLogTail();
            await server.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"PostgreSQL did not start within {options.StartTimeout}. Server log:\n{log}");
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string for the superuser.</summary>
    public string ConnectionString(string database) => ConnectionString(database, SuperuserName, SuperuserPassword);

    /// <summary>A connection string for another login on this server.</summary>
    public string ConnectionString(string database, string user, string password) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Database = database,
            Username = user,
            Password = password,
        }.ConnectionString;

    /// <summary>Creates a database (a plain lower-case identifier) and returns the superuser's connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, string? owner = null, CancellationToken cancellationToken = default)
    {
        var sql = $"CREATE DATABASE {PgSql.Identifier(name)}" + (owner is null ? "" : $" OWNER {PgSql.Identifier(owner)}");
        await ExecuteAsync("postgres", sql, cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    /// <summary>
    /// Creates a login role. <see cref="PgPasswordStorage.Md5"/> stores an MD5 hash, so a matching
    /// <c>md5</c> hba rule really performs MD5 authentication.
    /// </summary>
    public Task CreateLoginRoleAsync(string name, string password, PgPasswordStorage storage = PgPasswordStorage.ScramSha256, CancellationToken cancellationToken = default)
    {
        var encryption = storage == PgPasswordStorage.Md5 ? "md5" : "scram-sha-256";
        // password_encryption applies to this session only; the server default stays SCRAM.
        return ExecuteAsync(
            "postgres",
            $"SET password_encryption = '{encryption}'; CREATE ROLE {PgSql.Identifier(name)} LOGIN PASSWORD {PgSql.Literal(password)}",
            cancellationToken);
    }

    /// <summary>Runs SQL as the superuser in the given database.</summary>
    public async Task ExecuteAsync(string database, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopServerAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.CleanupFailed(_logger, RootDirectory, e);
        }
    }

    private static string CreateRootDirectory(string? parent)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("ThrowawayPostgres runs PostgreSQL's Unix tools; it needs Linux or macOS.");
        }

        if (parent is null)
        {
            // Created with mode 0700: only the owner (and root) can reach the socket or the data.
            return Directory.CreateTempSubdirectory("warden-pg-").FullName;
        }

        var path = Path.Combine(parent, "warden-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private async Task InitializeClusterAsync(ThrowawayPostgresOptions options, CancellationToken cancellationToken)
    {
        // initdb reads the password from a file so it never appears on a command line.
        var passwordFile = Path.Combine(RootDirectory, "superuser.pw");
        File.WriteAllText(passwordFile, SuperuserPassword);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await _runner.HandOverToServerUserAsync(RootDirectory, cancellationToken).ConfigureAwait(false);
        try
        {
            await _runner.RunServerProgramAsync(
                "initdb",
                ["-D", DataDirectory, "-U", SuperuserName, $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C",
                 "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "--no-instructions"],
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        ServerConfiguration.AppendSettings(DataDirectory, RootDirectory, options);
        ServerConfiguration.WriteHba(DataDirectory, options);
        await _runner.HandOverToServerUserAsync(RootDirectory, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // A free port found by binding port 0 can be taken before postgres binds it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreeLoopbackPort();
            try
            {
                await _runner.RunServerProgramAsync(
                    "pg_ctl",
                    ["start", "-D", DataDirectory, "-l", ServerLogPath, "-w", "-t", "60",
                     "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)}"],
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException e) when (attempt < PortAttempts && ReadServerLogTail().Contains("could not bind", StringComparison.Ordinal))
            {
                Log.PortTaken(_logger, Port, e);
            }
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false, Timeout = 5 }.ConnectionString;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StopServerAsync()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return; // Never started, or already stopped.
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _runner.RunServerProgramAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "20"], timeout.Token).ConfigureAwait(false);
            Log.Stopped(_logger, Port);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            Log.StopFailed(_logger, Port, e);
            KillPostmaster();
        }
    }

    /// <summary>Last resort: the postmaster's pid is the first line of postmaster.pid.</summary>
    private void KillPostmaster()
    {
        try
        {
            var firstLine = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Log.StopFailed(_logger, Port, e);
        }
    }

    private string ReadServerLogTail()
    {
        try
        {
            var lines = File.ReadAllLines(ServerLogPath);
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 30)));
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
