using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Warden.Integration.Tests.Fixtures;

/// <summary>Collects every measurement of one instrument (process-wide, so tests filter by their own tags).</summary>
public sealed class InstrumentRecorder<T> : IDisposable
    where T : struct
{
    private readonly MeterListener _listener = new();

    public InstrumentRecorder(string meter, string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == meter && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>(tags.Length);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }
            Measurements.Enqueue((value, copy));
        });
        _listener.Start();
    }

    public ConcurrentQueue<(T Value, IReadOnlyDictionary<string, object?> Tags)> Measurements { get; } = new();

    public void Dispose() => _listener.Dispose();
}
