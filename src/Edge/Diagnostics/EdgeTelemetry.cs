using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Warden.Edge.Diagnostics;

/// <summary>
/// The edge's one meter and one activity source. Instruments cost almost nothing without a listener;
/// they are exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (<see cref="TelemetryExtensions"/>).
/// Tags never carry statement text, tokens or values.
/// </summary>
internal static class EdgeTelemetry
{
    public const string Name = "Warden.Edge";

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Client connections by outcome: session, refused, protocol_error, upstream_error, cluster_error, cancel, closed_early.</summary>
    public static readonly Counter<long> Connections = Meter.CreateCounter<long>("warden.edge.connections", description: "Client connections by outcome");

    /// <summary>Statements judged, by verdict and whether the edge cache answered.</summary>
    public static readonly Counter<long> Statements = Meter.CreateCounter<long>("warden.edge.statements", description: "Statements judged, by verdict and cache use");

    /// <summary>
    /// Recording events per successful delivery to the session grain, by durability mode. In strict mode one
    /// delivery covers every statement of a client read, so a pipelined batch shows up here as one large delivery.
    /// </summary>
    public static readonly Histogram<long> RecordingDeliveries = Meter.CreateHistogram<long>(
        "warden.edge.recording.delivery_events", unit: "{event}", description: "Recording events per delivery to the session grain");

    /// <summary>Sessions whose sample rows stopped part-way because the edge lost track of which description rows follow.</summary>
    public static readonly Counter<long> SamplesStopped = Meter.CreateCounter<long>(
        "warden.edge.recording.samples_stopped", description: "Sessions whose recorded sample rows stopped part-way (reply pairing lost)");

    public static readonly UpDownCounter<long> ActiveSessions = Meter.CreateUpDownCounter<long>("warden.edge.active_sessions", description: "Relaying sessions");

    // Boxed once: this runs for every statement, and boxing a bool allocates.
    private static readonly object CachedTrue = true;
    private static readonly object CachedFalse = false;

    public static void Statement(string verdict, bool cached) =>
        Statements.Add(1, new KeyValuePair<string, object?>("verdict", verdict), new KeyValuePair<string, object?>("cached", cached ? CachedTrue : CachedFalse));
}
