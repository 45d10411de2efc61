using System.ComponentModel.DataAnnotations;

namespace Warden.Edge.Hosting;

/// <summary>Settings of one edge node. Section "Warden:Edge"; environment variables Warden__Edge__Port etc.</summary>
public sealed class EdgeOptions
{
    public const string SectionName = "Warden:Edge";

    /// <summary>Address the PostgreSQL listener binds. Default loopback only.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>PostgreSQL listener port (DESIGN §6: 6432).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 6432;

    /// <summary>Name of this edge in recordings and session listings. Default: machine name and port.</summary>
    public string? EdgeId { get; set; }

    /// <summary>Largest client message accepted (Query, Parse, Bind, CopyData). Larger ones end the connection with 08P01.</summary>
    [Range(1024, 1 << 30)]
    public int MaxClientMessageBytes { get; set; } = 64 << 20;

    /// <summary>Largest server message the edge buffers to inspect (ErrorResponse, NoticeResponse). Others stream through.</summary>
    [Range(1024, 1 << 30)]
    public int MaxInspectedServerMessageBytes { get; set; } = 1 << 20;

    /// <summary>PEM certificate for client TLS. Without it (and outside dev), TLS is refused and so are tokens.</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>PEM private key matching <see cref="TlsCertificatePath"/>.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>Development only: make a self-signed certificate at start when none is configured.</summary>
    public bool SelfSignedCertificate { get; set; }

    /// <summary>Development only: accept a token over plaintext from a loopback client.</summary>
    public bool AllowCleartextTokenOnLoopback { get; set; }

    /// <summary>How long a verdict cache entry may serve before the session grain is asked again.</summary>
    public TimeSpan VerdictCacheTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound on cached verdicts per edge (memory bound; each holds one statement text).</summary>
    [Range(16, 10_000_000)]
    public int VerdictCacheEntries { get; set; } = 50_000;

    /// <summary>How long startup and authentication may take before the connection is dropped.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often recording events are sent to the session grain: in batched mode the longest an executed
    /// statement stays unrecorded (the loss window if this edge dies); in strict mode it only paces results.
    /// </summary>
    public TimeSpan RecordingBatchInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>An idle session still tells its grain it is alive this often (well below Warden:Sessions:AbandonAfter).</summary>
    public TimeSpan RecordingHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A session with this many unsent recording events sends them without waiting for the interval, so a fast
    /// session's loss window is bounded in events as well as in time.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RecordingBatchEvents { get; set; } = 1_000;

    /// <summary>
    /// Unrecorded events a session may hold while the recording store is down. Past it, statements are
    /// refused (55000) until the store is back; at twice it the session is ended.
    /// </summary>
    [Range(16, 1_000_000)]
    public int RecordingBufferEvents { get; set; } = 10_000;

    /// <summary>
    /// With <c>recording.results: masked</c>: how many rows of each result are recorded, masked (0: none). Only
    /// sessions that sample parse RowDescription and DataRow at all.
    /// </summary>
    [Range(0, 1000)]
    public int SampleRows { get; set; } = 5;

    /// <summary>Each recorded value is cut to this many characters, after masking.</summary>
    [Range(8, 100_000)]
    public int SampleValueChars { get; set; } = 200;

    /// <summary>Bound on one result's recorded sample (column names and values, UTF-8 bytes); values past it are cut.</summary>
    [Range(256, 16 << 20)]
    public int SampleBytesPerResult { get; set; } = 16 << 10;

    public string ResolvedEdgeId => EdgeId ?? $"{Environment.MachineName}:{Port}";
}
