namespace Warden.Grains.Interfaces.Masking;

/// <summary>
/// Built-in types whose values are single numbers, truth values, times or identifiers: they cannot carry a
/// masked text value whole (a row, a JSON document, a lower-cased e-mail address). A value with no table
/// column behind it (computed) or a view column that may hold a whole row is kept only when its type is here.
/// OIDs from pg_type.dat (https://github.com/postgres/postgres/blob/master/src/include/catalog/pg_type.dat).
/// </summary>
public static class PlainScalarTypes
{
    public const uint Bool = 16;
    public const uint Int8 = 20;
    public const uint Int2 = 21;
    public const uint Int4 = 23;
    public const uint Oid = 26;
    public const uint Float4 = 700;
    public const uint Float8 = 701;
    public const uint Date = 1082;
    public const uint Time = 1083;
    public const uint Timestamp = 1114;
    public const uint TimestampTz = 1184;
    public const uint Interval = 1186;
    public const uint Numeric = 1700;
    public const uint Uuid = 2950;

    /// <summary>For catalog queries (<c>atttypid = ANY(...)</c>).</summary>
    public static IReadOnlyList<uint> All { get; } = [Bool, Int8, Int2, Int4, Oid, Float4, Float8, Date, Time, Timestamp, TimestampTz, Interval, Numeric, Uuid];

    public static bool Contains(uint typeOid) => typeOid switch
    {
        Bool or Int8 or Int2 or Int4 or Oid or Float4 or Float8 or Date or Time or Timestamp or TimestampTz or Interval or Numeric or Uuid => true,
        _ => false,
    };
}
