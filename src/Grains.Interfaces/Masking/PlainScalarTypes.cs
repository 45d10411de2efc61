using static Warden.Grains.Interfaces.Masking.TypeOids;

namespace Warden.Grains.Interfaces.Masking;

/// <summary>
/// Built-in types whose values are single numbers, truth values, times or identifiers: they cannot carry a
/// masked text value whole (a row, a JSON document, a lower-cased e-mail address). A value with no table
/// column behind it (computed) or a view column that may hold a whole row is kept only when its type is here.
/// </summary>
public static class PlainScalarTypes
{
    /// <summary>For catalog queries (<c>atttypid = ANY(...)</c>).</summary>
    public static IReadOnlyList<uint> All { get; } = [Bool, Int8, Int2, Int4, Oid, Float4, Float8, Date, Time, Timestamp, TimestampTz, Interval, Numeric, Uuid];

    public static bool Contains(uint typeOid) => typeOid switch
    {
        Bool or Int8 or Int2 or Int4 or Oid or Float4 or Float8 or Date or Time or Timestamp or TimestampTz or Interval or Numeric or Uuid => true,
        _ => false,
    };
}
