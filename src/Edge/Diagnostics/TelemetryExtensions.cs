using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Warden.Edge.Diagnostics;

public static class TelemetryExtensions
{
    /// <summary>
    /// OTLP export of every "Warden.*" meter and activity source (and Orleans'), only when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set: without a collector nothing is buffered or sent.
    /// </summary>
    public static IServiceCollection AddWardenTelemetry(this IServiceCollection services, string serviceName)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m.AddMeter("Warden.*", "Microsoft.Orleans"))
            .WithTracing(t => t.AddSource("Warden.*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"))
            .UseOtlpExporter();
        return services;
    }
}
