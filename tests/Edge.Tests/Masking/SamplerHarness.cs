using Warden.Grains.Interfaces.Masking;
using System.Buffers.Binary;
using Warden.Edge.Masking;
using Warden.Protocol.Messages;
using static Warden.Edge.Tests.Masking.FieldMaskingTests;

namespace Warden.Edge.Tests.Masking;

/// <summary>Fields, samplers and the run-at-every-cut check shared by the sampler and tracker tests.</summary>
internal static class SamplerHarness
{
    internal static readonly RowField Id = new("id", Customers, 1, TypeOids.Int4, 4, -1, RowField.TextFormat);
    internal static readonly RowField Name = new("name", Customers, 2, TypeOids.Text, -1, -1, RowField.TextFormat);
    internal static readonly RowField Email = new("email", Customers, 3, TypeOids.Text, -1, -1, RowField.TextFormat);
    internal static readonly RowField Ssn = new("ssn", Customers, 4, TypeOids.Text, -1, -1, RowField.TextFormat);
    internal static readonly RowField Lower = new("lower", 0, 0, TypeOids.Text, -1, -1, RowField.TextFormat);
    internal static readonly RowField Count = new("count", 0, 0, TypeOids.Int8, 8, -1, RowField.TextFormat);

    internal static ResultSampler Sampler(int rows = 5, int valueChars = 200, int bytes = 16 << 10, Func<bool>? current = null) =>
        new(Plan(), new SampleLimits(rows, valueChars, bytes, 64 << 10), "UTF8", current ?? (() => true));

    internal static byte[] Int4(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    internal static string?[][] Rows(ResultSample? sample) => [.. Assert.IsType<ResultSample>(sample).Rows.Select(r => r.ToArray())];

    /// <summary>Runs the same exchange with the reply stream cut at every offset, and checks every run sees the same samples.</summary>
    internal static List<ResultSample?> AtEveryCut(Action<ReplyTracker> requests, ServerStream replies, Func<ResultSampler>? make = null)
    {
        var bytes = replies.ToArray();
        List<ResultSample?>? first = null;
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var sampler = (make ?? (() => Sampler()))();
            requests(sampler.Requests);
            var samples = Feed.Replies(sampler, bytes, cut);
            first ??= samples;
            Assert.Equal(Describe(first), Describe(samples));
        }
        return first!;
    }

    internal static string Describe(List<ResultSample?> samples) => string.Join(" / ", samples.Select(s => s is null
        ? "none"
        : string.Join(",", s.Columns) + ": " + string.Join(" | ", s.Rows.Select(r => string.Join(",", r.Select(v => v ?? "NULL"))))));
}
