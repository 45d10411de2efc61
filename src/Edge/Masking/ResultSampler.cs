using System.Buffers;
using System.Text;
using Warden.Grains.Interfaces.Masking;
using Warden.Protocol;
using Warden.Protocol.Messages;

namespace Warden.Edge.Masking;

/// <summary>
/// Keeps the first rows of each result, masked, for the recording (<c>recording.results: masked</c>). Fed every
/// message of a sampled session by the relay (which still forwards them unchanged, as bytes); answers with the
/// sample when a result ends. Rows are kept only under a description the <see cref="ReplyTracker"/> is certain of;
/// otherwise the result gets no sample (never a guess). Bounded: <see cref="SampleLimits.Rows"/> rows, each value
/// cut to <see cref="SampleLimits.ValueChars"/> characters after masking, <see cref="SampleLimits.Bytes"/> per result;
/// a DataRow larger than <see cref="SampleLimits.MaxRowBytes"/> ends the sample at the rows before it.
/// Created only for sessions whose plan says sample: other sessions pay nothing.
/// </summary>
internal sealed class ResultSampler
{
    private const string Cut = "…";

    private readonly FieldMasking _masking;
    private readonly SampleLimits _limits;
    private readonly Func<bool> _planIsCurrent;
    private Encoding _encoding;
    private bool _stopped;

    // The result being sampled (reply pump only).
    private IReadOnlyList<RowField>? _fields;
    private MaskMethod?[] _methods = [];
    private List<IReadOnlyList<string?>>? _rows;
    private int _bytes;
    private bool _full;

    /// <param name="clientEncoding">The session's client_encoding as the server reported it at login.</param>
    /// <param name="planIsCurrent">False once the policy the plan was made under is replaced: sampling stops (its masking may be out of date).</param>
    public ResultSampler(SampleMasking plan, SampleLimits limits, string? clientEncoding, Func<bool> planIsCurrent)
    {
        _masking = new FieldMasking(plan);
        _limits = limits;
        _planIsCurrent = planIsCurrent;
        _encoding = EncodingOf(clientEncoding);
    }

    /// <summary>The requests side: the client pump reports what it sends upstream.</summary>
    public ReplyTracker Requests { get; } = new();

    /// <summary>A server message on its way to the client; <paramref name="payload"/> null when it streamed through uninspected.</summary>
    public void Observe(byte type, ReadOnlySequence<byte>? payload)
    {
        if (type == BackendMessageType.ParameterStatus)
        {
            ObserveParameter(payload);
            return;
        }
        switch (Requests.Observe(type, payload, out var fields))
        {
            case ReplyTracker.Meaning.Row:
                Row(fields, payload);
                break;
            case ReplyTracker.Meaning.ResultFailed:
                Reset();
                break;
        }
    }

    /// <summary>The sample of the result that just ended (CommandComplete, EmptyQueryResponse, PortalSuspended, FunctionCallResponse), or null.</summary>
    public ResultSample? TakeSample()
    {
        var rows = _rows;
        var fields = _fields;
        Reset();
        if (rows is not { Count: > 0 } || fields is null || !IsActive())
        {
            return null;
        }
        return new ResultSample([.. fields.Select(f => f.Name)], rows);
    }

    private bool IsActive()
    {
        if (!_stopped && !_planIsCurrent())
        {
            _stopped = true;
        }
        return !_stopped;
    }

    private void Row(IReadOnlyList<RowField>? fields, ReadOnlySequence<byte>? payload)
    {
        if (_full)
        {
            return;
        }
        if (fields is null || _stopped)
        {
            // No certain description: this result gets no sample at all.
            _rows = null;
            _full = true;
            return;
        }
        if (payload is not { } p || p.Length > _limits.MaxRowBytes || (_rows ??= []).Count >= _limits.Rows)
        {
            _full = true;
            return;
        }
        if (!ReferenceEquals(fields, _fields))
        {
            if (!IsActive())
            {
                _full = true;
                return;
            }
            _fields = fields;
            _methods = [.. fields.Select(_masking.Decide)];
            _bytes = fields.Sum(f => Encoding.UTF8.GetByteCount(f.Name));
        }
        byte[]?[] values;
        try
        {
            values = DataRow.ParseValues(p);
        }
        catch (ProtocolException)
        {
            values = [];
        }
        if (values.Length != fields.Count)
        {
            // The row does not fit its description: the description is wrong, so nothing of this result is kept.
            _rows = null;
            _full = true;
            return;
        }
        var row = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var text = _masking.Mask(fields[i], _methods[i], values[i], _encoding);
            row[i] = text is null ? null : Fit(text);
        }
        _rows.Add(row);
        _full = _rows.Count >= _limits.Rows || _bytes >= _limits.Bytes;
    }

    /// <summary>A masked value cut to the per-value limit, then to what is left of the result's byte budget.</summary>
    private string Fit(string text)
    {
        var allowed = Math.Max(0, _limits.Bytes - _bytes);
        var chars = 0;
        var bytes = 0;
        var cut = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (chars + rune.Utf16SequenceLength > _limits.ValueChars || bytes + rune.Utf8SequenceLength > allowed)
            {
                cut = true;
                break;
            }
            chars += rune.Utf16SequenceLength;
            bytes += rune.Utf8SequenceLength;
        }
        if (cut)
        {
            // Room for the mark: drop whole runes from the end until it fits (always within the value's limit).
            var kept = text.AsSpan(0, chars);
            while (kept.Length > 0 && (bytes + 3 > allowed || kept.Length + 1 > _limits.ValueChars))
            {
                var step = kept.Length >= 2 && char.IsLowSurrogate(kept[^1]) ? 2 : 1;
                bytes -= Encoding.UTF8.GetByteCount(kept[^step..]);
                kept = kept[..^step];
            }
            _bytes += bytes + 3;
            return string.Concat(kept, Cut);
        }
        _bytes += bytes;
        return text;
    }

    private void Reset()
    {
        _rows = null;
        _fields = null;
        _full = false;
        _bytes = 0;
    }

    private void ObserveParameter(ReadOnlySequence<byte>? payload)
    {
        if (payload is not { } p)
        {
            return;
        }
        try
        {
            var (name, value) = BackendMessages.ParseParameterStatus(p);
            if (name == "client_encoding")
            {
                _encoding = EncodingOf(value);
            }
        }
        catch (ProtocolException)
        {
            // Not ours to judge: the client gets the message as it is.
        }
    }

    /// <summary>
    /// UTF-8 for UTF8; Latin-1 for every other encoding the edge allows (all are ASCII-safe, see ClientEncodings):
    /// ASCII is exact, and each other byte becomes one character, so nothing is dropped before masking.
    /// </summary>
    internal static Encoding EncodingOf(string? clientEncoding) =>
        clientEncoding is null || Warden.Sql.ClientEncodings.Normalize(clientEncoding) is "utf8" or "unicode"
            ? Encoding.UTF8
            : Encoding.Latin1;
}

/// <summary>The first rows of one result, masked, as recorded.</summary>
internal sealed record ResultSample(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows);

/// <summary>Bounds on what one result's sample holds (edge options).</summary>
/// <param name="MaxRowBytes">A larger DataRow is not inspected (the relay streams it through).</param>
internal sealed record SampleLimits(int Rows, int ValueChars, int Bytes, int MaxRowBytes);
