using System.Text;
using Warden.Grains.Interfaces.Masking;
using Warden.Protocol.Messages;

namespace Warden.Edge.Masking;

/// <summary>
/// Which masking a result field gets, and its masked text. A field is masked by its (table OID, column number) as
/// the catalog resolved the policy's columns (views included). When the policy masks any column, three kinds of
/// field are redacted unless their type is a <see cref="PlainScalarTypes">plain scalar</see>: computed values
/// (table OID 0: <c>lower(email)</c>, <c>row(c.*)</c>, <c>to_json(c)</c> carry masked data with no table OID), a
/// whole row (column 0) of a relation with masked fields, and any column of a relation newer than the catalog
/// snapshot (a view created after it was loaded). Detectors then run over every value not masked by a method.
/// </summary>
internal sealed class FieldMasking
{
    private readonly Dictionary<(uint TableOid, short Column), MaskMethod> _fields = [];
    private readonly HashSet<uint> _relations = [];
    private readonly SampleMasking _plan;
    private readonly ContentDetectors _detectors;

    public FieldMasking(SampleMasking plan)
    {
        _plan = plan;
        _detectors = new ContentDetectors(plan.Detectors);
        foreach (var field in plan.Fields)
        {
            var key = (field.TableOid, field.ColumnNumber);
            _fields[key] = _fields.TryGetValue(key, out var existing) ? MaskMethods.Strictest(existing, field.Method) : field.Method;
            _relations.Add(field.TableOid);
        }
    }

    /// <summary>The method for <paramref name="field"/>; null when only the detectors apply.</summary>
    public MaskMethod? Decide(RowField field)
    {
        if (_fields.TryGetValue((field.TableOid, field.ColumnNumber), out var method))
        {
            return method;
        }
        if (!_plan.MasksColumns)
        {
            return null;
        }
        var unknownOrigin = field.TableOid == 0
            || (field.ColumnNumber == 0 && _relations.Contains(field.TableOid))
            || field.TableOid > _plan.KnownRelationsUpTo;
        return unknownOrigin && !PlainScalarTypes.Contains(field.TypeOid) ? MaskMethod.Redact : null;
    }

    /// <summary>
    /// The text recorded for one value: null for SQL NULL (and for <c>null</c>-masked values); a masked value; a
    /// placeholder for binary values of types not decoded and for bytea; else the value's text with detected
    /// e-mail addresses, card numbers and SSNs replaced. Not yet shortened (see <see cref="ResultSampler"/>).
    /// </summary>
    public string? Mask(RowField field, MaskMethod? method, byte[]? value, Encoding encoding)
    {
        if (value is null)
        {
            return null;
        }
        string? text;
        if (field.TypeOid == TypeOids.Bytea)
        {
            // Its text form is hex of the bytes: unreadable for an auditor, and opaque to the detectors.
            text = null;
        }
        else if (field.Format == RowField.BinaryFormat)
        {
            text = BinaryValues.TryDecode(field.TypeOid, value, encoding, out var decoded) ? decoded : null;
        }
        else
        {
            text = encoding.GetString(value);
        }
        if (method is { } m)
        {
            return text is not null
                ? ValueMasker.Apply(m, text, _plan.HashKey)
                : m switch
                {
                    MaskMethod.Null => null,
                    MaskMethod.Hash => ValueMasker.Hash(value, _plan.HashKey),
                    _ => ValueMasker.Redacted,
                };
        }
        if (text is not null)
        {
            return _detectors.Mask(text);
        }
        return field.TypeOid == TypeOids.Bytea
            ? $"<bytea {(field.Format == RowField.BinaryFormat ? value.Length : Math.Max(0, (value.Length - 2) / 2))} bytes>"
            : BinaryValues.Placeholder(value.Length);
    }
}
