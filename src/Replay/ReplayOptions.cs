namespace Warden.Replay;

/// <summary>The command line, parsed. Either a path (recording folder, part file or manifest.json) or a
/// blob recording (connection string, container, session).</summary>
internal sealed record ReplayOptions(
    string? Path,
    string? ConnectionString,
    string? Container,
    Guid? Session,
    bool VerifyOnly,
    bool Json,
    bool AllowOpen,
    string? Anchor)
{
    public const string ConnectionStringVariable = "WARDEN_RECORDING_CONNECTION_STRING";

    public const string Usage = """
        usage: warden-replay <recording folder | part-NNNNN.jsonl | manifest.json> [options]
               warden-replay --session GUID --container NAME [--connection-string CS] [options]

        Prints a recording's timeline, then verifies its hash chain (offline, no cluster needed).
          --verify               only verify
          --json                 print the events as JSON lines instead of the timeline
          --anchor HASH          the anchor the cluster kept for this session (else the manifest's is checked)
          --allow-open           accept a recording that is intact so far but not sealed (a live session)
          --connection-string CS Azure Storage connection string (or $WARDEN_RECORDING_CONNECTION_STRING)
        Exit: 0 verified, 1 verification failed, 2 usage or I/O error.
        """;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they make no sense.</summary>
    public static ReplayOptions? Parse(string[] args, Func<string, string?> environment, out string? error)
    {
        string? path = null, connection = null, container = null, anchor = null, session = null;
        bool verify = false, json = false, allowOpen = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--verify": verify = true; break;
                case "--json": json = true; break;
                case "--allow-open": allowOpen = true; break;
                case "--connection-string" or "--container" or "--session" or "--anchor":
                    if (i + 1 >= args.Length)
                    {
                        error = $"{arg} needs a value";
                        return null;
                    }

                    var value = args[++i];
                    _ = arg switch
                    {
                        "--connection-string" => connection = value,
                        "--container" => container = value,
                        "--session" => session = value,
                        _ => anchor = value,
                    };
                    break;
                case "-h" or "--help":
                    error = null;
                    return null;
                default:
                    if (arg.StartsWith('-') || path is not null)
                    {
                        error = $"unexpected argument: {arg}";
                        return null;
                    }

                    path = arg;
                    break;
            }
        }

        if (session is null)
        {
            if (path is null)
            {
                error = "name a recording (a folder, a part file or manifest.json) or --session for a blob recording";
                return null;
            }

            if (connection is not null || container is not null)
            {
                error = "--connection-string and --container need --session";
                return null;
            }

            error = null;
            return new ReplayOptions(path, null, null, null, verify, json, allowOpen, anchor);
        }

        connection ??= environment(ConnectionStringVariable);
        if (path is not null || !Guid.TryParse(session, out var id) || container is null || string.IsNullOrEmpty(connection))
        {
            error = path is not null ? "give either a path or --session, not both"
                : container is null ? "--session needs --container"
                : string.IsNullOrEmpty(connection) ? $"--session needs --connection-string or ${ConnectionStringVariable}"
                : $"--session {session} is not a GUID";
            return null;
        }

        error = null;
        return new ReplayOptions(null, connection, container, id, verify, json, allowOpen, anchor);
    }
}
