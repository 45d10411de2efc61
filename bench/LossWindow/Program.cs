using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Warden.Recording;

// Batched recording's loss window, measured by killing Warden: one connection runs SELECT 1, SELECT 2, ...
// (each text distinct, so each is identifiable in the recording) and notes when each result arrived; a
// second thread SIGKILLs the Warden process at a random moment; then the session's recording is read
// back from the file store and compared with what the client saw executed.
const string Usage = """
    usage: LossWindow --pid PID --recordings DIR [--rate N] [--kill-after MIN-MAX] [--seed N]

      Connects to a running Warden (environment: WARDEN_HOST 127.0.0.1, WARDEN_PORT 6432,
      WARDEN_DBNAME bench, WARDEN_USER bench, WARDEN_TOKEN required; sslmode disable), runs
      SELECT 1, SELECT 2, ... on one connection, --rate statements per second (0, the default: as fast
      as they are answered), SIGKILLs process PID (the Warden silo) at a random moment MIN-MAX seconds
      after the first statement (default 2-4), then reads the session's recording under DIR (the file
      store root, data/recordings under the silo's working directory) and reports the statements the
      client saw executed that the recording lacks. The last line is "RESULT key=value ..." for scripts.
      Exit 0 measured (gaps or duplicates are reported, not fatal), 1 not measured, 2 usage.
    """;

if (!Settings.TryParse(args, out var settings, out var usageError))
{
    Console.Error.WriteLine(usageError);
    Console.Error.WriteLine(Usage);
    return 2;
}

Process target;
try
{
    target = Process.GetProcessById(settings.Pid);
}
catch (ArgumentException)
{
    Console.Error.WriteLine($"no process {settings.Pid}");
    return 1;
}

var applicationName = "loss-window-" + Guid.NewGuid().ToString("N")[..8];
var connectionString = new NpgsqlConnectionStringBuilder
{
    Host = Env("WARDEN_HOST", "127.0.0.1"),
    Port = int.Parse(Env("WARDEN_PORT", "6432"), CultureInfo.InvariantCulture),
    Database = Env("WARDEN_DBNAME", "bench"),
    Username = Env("WARDEN_USER", "bench"),
    Password = settings.Token,
    SslMode = SslMode.Disable,
    Pooling = false,
    ApplicationName = applicationName,
    Timeout = 30,
    CommandTimeout = 30,
}.ConnectionString;

var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
// No pg_type query at open: SELECT <int> needs nothing but the built-in int4.
dataSourceBuilder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
var run = new Run(settings, target);
await using (var dataSource = dataSourceBuilder.Build())
using (var connection = dataSource.OpenConnection())
{
    run.Go(connection);
}
target.Dispose();
if (run.KillTimestamp == 0)
{
    Console.Error.WriteLine($"Warden was not killed: {run.KillFailure ?? "the statement loop ended first"}; {run.End?.Message}");
    return 1;
}
WaitUntilGone(settings.Pid);

var recording = await SessionFile.FindAsync(settings.Recordings, applicationName);
if (recording is null)
{
    Console.Error.WriteLine($"no recording with application name {applicationName} under {settings.Recordings}");
    return 1;
}
Report(run, recording, settings);
return 0;

static string Env(string name, string fallback) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

// After SIGKILL the process is gone once it is a zombie or reaped: nothing more can reach the files.
static void WaitUntilGone(int pid)
{
    var stat = $"/proc/{pid}/stat";
    for (var i = 0; i < 500; i++)
    {
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            if (state is "Z" or "X")
            {
                return;
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return;
        }
        Thread.Sleep(10);
    }
    throw new InvalidOperationException($"process {pid} still running 5 s after SIGKILL");
}

static void Report(Run run, SessionFile recording, Settings settings)
{
    double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    // Acks[n - 1] is 0 for a statement Warden refused (55000: its recording buffer was full).
    bool Acked(int n) => n <= run.Acks.Count && run.Acks[n - 1] != 0;
    var acked = run.Acks.Count(a => a != 0);
    var refused = run.Acks.Count - acked;
    var lastAcked = Enumerable.Range(1, run.Acks.Count).LastOrDefault(Acked);
    var sent = run.Sent;
    var counts = new int[Math.Max(sent, recording.MaxStatement) + 1];
    foreach (var n in recording.Statements.Select(s => s.N))
    {
        counts[n]++;
    }
    var maxRecorded = recording.MaxStatement;
    var gaps = Enumerable.Range(1, Math.Max(0, maxRecorded)).Where(n => counts[n] == 0).ToList();
    var duplicates = Enumerable.Range(1, counts.Length - 1).Where(n => counts[n] > 1).ToList();
    var lost = Enumerable.Range(1, lastAcked).Where(n => Acked(n) && counts[n] == 0).ToList();
    var recordedUnacked = Enumerable.Range(1, counts.Length - 1).Count(n => counts[n] > 0 && !Acked(n));
    // The last acknowledged statement the recording holds (the reference of the window), and the window:
    // from its acknowledgement to the kill, and to the last acknowledgement.
    var lastRecordedAcked = Enumerable.Range(1, lastAcked).LastOrDefault(n => Acked(n) && counts[n] > 0);
    var reference = lastRecordedAcked > 0 ? run.Acks[lastRecordedAcked - 1] : run.Start;
    var windowToKill = Ms(run.KillTimestamp - reference);
    var windowToLastAck = lastAcked > 0 ? Ms(run.Acks[lastAcked - 1] - reference) : 0;
    var oldestLostAge = lost.Count > 0 ? Ms(run.KillTimestamp - run.Acks[lost[0] - 1]) : 0;
    var ackedAfterKill = run.Acks.Count(a => a > run.KillTimestamp);
    var sinceLastAppend = (run.KillUtc - recording.LastAppendAt).TotalMilliseconds;
    var appendGaps = recording.AppendTimes.Zip(recording.AppendTimes.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
    var delays = recording.Statements.Select(s => (s.At - s.ReceivedAt).TotalMilliseconds).ToList();
    var seconds = lastAcked > 0 ? Ms(run.Acks[lastAcked - 1] - run.Start) / 1000 : 0;
    // The longest the client waited for one statement (from the previous acknowledgement; unpaced runs only).
    var waits = settings.Rate == 0 ? run.Acks.Zip(run.Acks.Skip(1), (a, b) => a != 0 && b != 0 ? Ms(b - a) : 0).ToList() : [];
    var longestWait = waits.DefaultIfEmpty().Max();
    var longWaits = waits.Count(w => w > 5);
    // Do the longest waits coincide with deliveries? (Stopwatch times mapped to the wall clock of the kill.)
    DateTimeOffset Wall(long timestamp) => run.KillUtc + TimeSpan.FromMilliseconds(Ms(timestamp - run.KillTimestamp));
    var longest = waits.Select((wait, i) => (wait, i)).OrderByDescending(w => w.wait).Take(10).ToList();
    var longestAtAppend = longest.Count(w =>
        recording.AppendTimes.Any(t => t >= Wall(run.Acks[w.i]) && t <= Wall(run.Acks[w.i + 1])));

    Console.WriteLine($"session {recording.SessionId} ({recording.Directory}), application_name {recording.ApplicationName}");
    Console.WriteLine($"rate {(settings.Rate > 0 ? settings.Rate + "/s" : "max")}: {acked} statements acknowledged in {seconds:0.00} s "
        + $"({(seconds > 0 ? acked / seconds : 0):0}/s{(settings.Rate == 0 ? $", longest wait for one {F(longestWait)} ms, {longWaits} over 5 ms, "
            + $"{longestAtAppend} of the {longest.Count} longest spanning an edge batch's append" : "")}); "
        + $"statement {sent} was in flight ({run.End?.GetType().Name}: {run.End?.Message})");
    Console.WriteLine($"SIGKILL at {Ms(run.KillTimestamp - run.Start):0} ms (planned {settings.KillAfterMin:0.#}-{settings.KillAfterMax:0.#} s); "
        + $"{ackedAfterKill} result(s) arrived after it (already on their way)");
    Console.WriteLine($"recording: {recording.Lines} lines, {recording.Statements.Count} statement lines, highest SELECT {maxRecorded}, "
        + $"{recording.AppendTimes.Count} edge batches; chain {recording.Chain}; torn tail {recording.TornBytes} bytes; unreadable lines {recording.BadLines}");
    Console.WriteLine($"edge batches every {F(Median(appendGaps))} ms (median; max {F(appendGaps.DefaultIfEmpty().Max())}); "
        + $"statement received -> stored {F(Median(delays))} ms median, {F(delays.DefaultIfEmpty().Max())} max; "
        + $"last append {F(sinceLastAppend)} ms before the kill");
    if (refused > 0)
    {
        var first = Enumerable.Range(1, run.Acks.Count).First(n => !Acked(n));
        Console.WriteLine($"refused: {refused} statements answered 55000 (recording buffer full), the first SELECT {first} "
            + $"at {Ms(run.RefusedAt - run.Start):0} ms; not counted as acknowledged");
    }
    Console.WriteLine($"lost: {lost.Count} acknowledged statements missing ({Describe(lost)}); recorded but never acknowledged "
        + $"(refused or in flight): {recordedUnacked}");
    var referenceText = lastRecordedAcked > 0 ? $"the last recorded statement's acknowledgement (SELECT {lastRecordedAcked})" : "the first statement (none recorded)";
    Console.WriteLine($"window: {F(windowToKill)} ms from {referenceText} to the kill, "
        + $"{F(windowToLastAck)} ms to the last acknowledgement; oldest lost acknowledgement {F(oldestLostAge)} ms before the kill");
    if (gaps.Count > 0)
    {
        Console.WriteLine($"BUG: gaps below the highest recorded statement: {Describe(gaps)}");
    }
    if (duplicates.Count > 0)
    {
        Console.WriteLine($"BUG: statements recorded more than once: {Describe(duplicates)}");
    }
    Console.WriteLine(string.Join(' ',
        "RESULT",
        $"rate={settings.Rate}",
        $"kill_ms={Ms(run.KillTimestamp - run.Start):0}",
        $"acked={acked}",
        $"refused={refused}",
        $"acked_after_kill={ackedAfterKill}",
        $"recorded_max={maxRecorded}",
        $"lost={lost.Count}",
        $"recorded_unacked={recordedUnacked}",
        $"gaps={gaps.Count}",
        $"duplicates={duplicates.Count}",
        $"window_kill_ms={F(windowToKill)}",
        $"window_last_ack_ms={F(windowToLastAck)}",
        $"oldest_lost_ms={F(oldestLostAge)}",
        $"since_last_append_ms={F(sinceLastAppend)}",
        $"batch_gap_median_ms={F(Median(appendGaps))}",
        $"batch_gap_max_ms={F(appendGaps.DefaultIfEmpty().Max())}",
        $"delay_median_ms={F(Median(delays))}",
        $"delay_max_ms={F(delays.DefaultIfEmpty().Max())}",
        $"longest_wait_ms={F(longestWait)}",
        $"longest_waits_at_append={longestAtAppend}/{longest.Count}",
        $"chain={(recording.Chain == "ok" ? "ok" : "FAILED")}",
        $"torn_bytes={recording.TornBytes}",
        $"session={recording.SessionId}"));
}

static double Median(List<double> values)
{
    if (values.Count == 0)
    {
        return 0;
    }
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

// "none", "3", or "3 (101-103)"; a long list is cut.
static string Describe(List<int> numbers) => numbers.Count switch
{
    0 => "none",
    _ when numbers[^1] - numbers[0] + 1 == numbers.Count => numbers.Count == 1 ? $"SELECT {numbers[0]}" : $"SELECT {numbers[0]}-{numbers[^1]}",
    _ => string.Join(", ", numbers.Take(20)) + (numbers.Count > 20 ? ", ..." : ""),
};

internal sealed record Settings(int Pid, string Recordings, int Rate, double KillAfterMin, double KillAfterMax, int? Seed, string Token)
{
    public static bool TryParse(string[] args, out Settings settings, out string error)
    {
        settings = null!;
        int? pid = int.TryParse(Environment.GetEnvironmentVariable("WARDEN_PID"), out var p) ? p : null;
        string? recordings = null;
        var rate = 0;
        double min = 2, max = 4;
        int? seed = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--pid":
                        pid = int.Parse(Next(), CultureInfo.InvariantCulture);
                        break;
                    case "--recordings":
                        recordings = Next();
                        break;
                    case "--rate":
                        rate = int.Parse(Next(), CultureInfo.InvariantCulture);
                        break;
                    case "--kill-after":
                        var range = Next().Split('-');
                        min = double.Parse(range[0], CultureInfo.InvariantCulture);
                        max = double.Parse(range[^1], CultureInfo.InvariantCulture);
                        break;
                    case "--seed":
                        seed = int.Parse(Next(), CultureInfo.InvariantCulture);
                        break;
                    default:
                        error = $"unknown argument {args[i]}";
                        return false;
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                error = e.Message;
                return false;
            }
        }
        var token = Environment.GetEnvironmentVariable("WARDEN_TOKEN");
        error = pid is null ? "--pid (or WARDEN_PID) is required"
            : recordings is null ? "--recordings is required"
            : string.IsNullOrEmpty(token) ? "WARDEN_TOKEN is required"
            : rate < 0 || min < 0 || max < min ? "--rate must be >= 0 and --kill-after MIN-MAX with 0 <= MIN <= MAX"
            : "";
        if (error.Length > 0)
        {
            return false;
        }
        settings = new Settings(pid!.Value, recordings!, rate, min, max, seed, token!);
        return true;
    }
}

/// <summary>The statement loop on one connection and the killer thread beside it.</summary>
internal sealed class Run(Settings settings, Process target)
{
    /// <summary>Stopwatch timestamp of each answer, Acks[n - 1] for SELECT n: its result, or 0 when Warden refused it.</summary>
    public List<long> Acks { get; } = new(1 << 16);

    public long Start { get; private set; }

    /// <summary>Statements sent: the acknowledged ones and the one in flight when the connection broke.</summary>
    public int Sent { get; private set; }

    public Exception? End { get; private set; }

    /// <summary>Stopwatch timestamp just before kill(2); 0 when the kill did not happen.</summary>
    public long KillTimestamp { get; private set; }

    public DateTimeOffset KillUtc { get; private set; }

    /// <summary>Stopwatch timestamp of the first 55000 refusal; 0 if none.</summary>
    public long RefusedAt { get; private set; }

    public string? KillFailure { get; private set; }

    public void Go(NpgsqlConnection connection)
    {
        var random = settings.Seed is { } seed ? new Random(seed) : new Random();
        var killAfter = settings.KillAfterMin + (random.NextDouble() * (settings.KillAfterMax - settings.KillAfterMin));
        var deadline = TimeSpan.FromSeconds(settings.KillAfterMax + 15);
        Start = Stopwatch.GetTimestamp();
        var killer = new Thread(() => Kill(Start + (long)(killAfter * Stopwatch.Frequency))) { IsBackground = true, Name = "killer" };
        killer.Start();
        var period = settings.Rate > 0 ? Stopwatch.Frequency / (double)settings.Rate : 0;
        for (var n = 1; ; n++)
        {
            if (period > 0)
            {
                // Paced from the start, so a slow answer is caught up rather than stretching the run.
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), Start + (long)((n - 1) * period));
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait);
                }
            }
            if (Stopwatch.GetElapsedTime(Start) > deadline)
            {
                End = new TimeoutException("the statement loop outlived the kill");
                break;
            }
            Sent = n;
            using var command = new NpgsqlCommand("SELECT " + n.ToString(CultureInfo.InvariantCulture), connection);
            object? value;
            try
            {
                value = command.ExecuteScalar();
            }
            catch (PostgresException e) when (e.SqlState == "55000")
            {
                // Batched mode past RecordingBufferEvents unsent events: refused, not run; the session goes on.
                Acks.Add(0);
                RefusedAt = RefusedAt == 0 ? Stopwatch.GetTimestamp() : RefusedAt;
                continue;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                End = e;
                break;
            }
            Acks.Add(Stopwatch.GetTimestamp());
            if (Convert.ToInt64(value, CultureInfo.InvariantCulture) != n)
            {
                throw new InvalidOperationException($"SELECT {n} answered {value}");
            }
        }
        killer.Join();
    }

    private void Kill(long due)
    {
        // Sleep until about 2 ms before, then yield-spin to the moment.
        while (Stopwatch.GetTimestamp() is var now && now < due)
        {
            var left = (due - now) * 1000 / Stopwatch.Frequency;
            Thread.Sleep(left > 2 ? (int)(left - 2) : 0);
        }
        KillUtc = DateTimeOffset.UtcNow;
        var before = Stopwatch.GetTimestamp();
        try
        {
            target.Kill(); // SIGKILL on Unix
            KillTimestamp = before;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            KillFailure = e.Message;
        }
    }
}

internal sealed record RecordedStatement(int N, long Source, DateTimeOffset At, DateTimeOffset ReceivedAt);

/// <summary>One session's recording as the file store left it: every part, line by line.</summary>
internal sealed class SessionFile
{
    public required string Directory { get; init; }
    public required string SessionId { get; init; }
    public required string ApplicationName { get; init; }
    public List<RecordedStatement> Statements { get; } = [];
    /// <summary>When each edge batch was stored (the "at" of its first line), in order.</summary>
    public List<DateTimeOffset> AppendTimes { get; } = [];
    public DateTimeOffset LastAppendAt { get; set; }
    public int MaxStatement { get; set; }
    public int Lines { get; set; }
    public int BadLines { get; set; }
    public int TornBytes { get; set; }
    public string Chain { get; set; } = "";

    /// <summary>The session whose session.opened line carries this application name; null if none.</summary>
    public static async Task<SessionFile?> FindAsync(string root, string applicationName)
    {
        foreach (var directory in System.IO.Directory.GetDirectories(root))
        {
            var parts = System.IO.Directory.GetFiles(directory, "part-*.jsonl").Order(StringComparer.Ordinal).ToList();
            var lines = new List<string>();
            var torn = 0;
            foreach (var part in parts)
            {
                var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(part));
                var pieces = text.Split('\n');
                // Whatever follows the last newline was never acknowledged by the store (a torn write).
                torn = Encoding.UTF8.GetByteCount(pieces[^1]);
                lines.AddRange(pieces[..^1]);
            }
            if (lines.Count == 0 || !Opens(lines[0], applicationName, out var sessionId))
            {
                continue;
            }
            var file = new SessionFile { Directory = directory, SessionId = sessionId, ApplicationName = applicationName, TornBytes = torn, Lines = lines.Count };
            file.Read(lines);
            var verified = await RecordingVerifier.VerifyAsync(Stream(lines), expectedAnchor: null, allowOpen: true, CancellationToken.None);
            file.Chain = verified.Ok ? "ok" : $"FAILED at line {verified.Failure!.Line}: {verified.Failure.Reason}";
            return file;
        }
        return null;
    }

    private static bool Opens(string line, string applicationName, out string sessionId)
    {
        sessionId = "";
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (root.GetProperty("type").GetString() == "session.opened"
                && root.TryGetProperty("applicationName", out var name) && name.GetString() == applicationName)
            {
                sessionId = root.GetProperty("session").GetString() ?? "";
                return true;
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }

    private void Read(List<string> lines)
    {
        long lastSource = -1;
        foreach (var line in lines)
        {
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                BadLines++;
                continue;
            }
            using (json)
            {
                var root = json.RootElement;
                var at = root.GetProperty("at").GetDateTimeOffset();
                var source = root.GetProperty("src").GetInt64();
                var type = root.GetProperty("type").GetString();
                LastAppendAt = at;
                // Lines of one edge batch share its src (the batch's last edge sequence number).
                if (source != lastSource && type is "statement" or "result" or "error")
                {
                    AppendTimes.Add(at);
                }
                lastSource = source;
                if (type == "statement" && root.GetProperty("sql").GetString() is { } sql
                    && sql.StartsWith("SELECT ", StringComparison.Ordinal)
                    && int.TryParse(sql.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    Statements.Add(new RecordedStatement(n, source, at, root.GetProperty("receivedAt").GetDateTimeOffset()));
                    MaxStatement = Math.Max(MaxStatement, n);
                }
            }
        }
    }

    private static async IAsyncEnumerable<string> Stream(List<string> lines)
    {
        await Task.CompletedTask;
        foreach (var line in lines)
        {
            yield return line;
        }
    }
}
