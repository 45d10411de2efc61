using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Warden.Grains.Interfaces.Masking;
using static Warden.Grains.Interfaces.Masking.TypeOids;

namespace Warden.Edge.Masking;

/// <summary>
/// Turns values the server sent in binary format into the text PostgreSQL would have sent, for the common
/// built-in types (https://www.postgresql.org/docs/current/protocol-overview.html#PROTOCOL-FORMAT-CODES; each
/// type's send function in src/backend/utils/adt). Anything else, or a value whose length does not fit its type,
/// is not decoded: callers show a placeholder with its size, never the raw bytes.
/// </summary>
internal static class BinaryValues
{
    private static readonly DateTime PostgresEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>What is recorded in place of a value that is not shown.</summary>
    public static string Placeholder(int length) => $"<binary {length} bytes>";

    /// <param name="encoding">The session's client encoding (text types are sent in it).</param>
    public static bool TryDecode(uint typeOid, ReadOnlySpan<byte> value, Encoding encoding, out string text)
    {
        text = "";
        switch (typeOid)
        {
            case Bool when value.Length == 1:
                text = value[0] != 0 ? "t" : "f";
                return true;
            case Int2 when value.Length == 2:
                text = BinaryPrimitives.ReadInt16BigEndian(value).ToString(CultureInfo.InvariantCulture);
                return true;
            case Int4 when value.Length == 4:
                text = BinaryPrimitives.ReadInt32BigEndian(value).ToString(CultureInfo.InvariantCulture);
                return true;
            case Oid when value.Length == 4:
                text = BinaryPrimitives.ReadUInt32BigEndian(value).ToString(CultureInfo.InvariantCulture);
                return true;
            case Int8 when value.Length == 8:
                text = BinaryPrimitives.ReadInt64BigEndian(value).ToString(CultureInfo.InvariantCulture);
                return true;
            case Float4 when value.Length == 4:
                text = Float(BinaryPrimitives.ReadSingleBigEndian(value));
                return true;
            case Float8 when value.Length == 8:
                text = Float(BinaryPrimitives.ReadDoubleBigEndian(value));
                return true;
            case Text or Varchar or Bpchar or Name or Json or Unknown or TypeOids.Char:
                text = encoding.GetString(value);
                return true;
            case Jsonb when value.Length >= 1 && value[0] == 1:
                text = encoding.GetString(value[1..]);
                return true;
            case Uuid when value.Length == 16:
                text = new Guid(value, bigEndian: true).ToString("D");
                return true;
            case Numeric:
                return TryNumeric(value, out text);
            case Date when value.Length == 4:
                return TryDate(BinaryPrimitives.ReadInt32BigEndian(value), out text);
            case Time when value.Length == 8:
                return TryTime(BinaryPrimitives.ReadInt64BigEndian(value), out text);
            case Timestamp when value.Length == 8:
                return TryTimestamp(BinaryPrimitives.ReadInt64BigEndian(value), "", out text);
            case TimestampTz when value.Length == 8:
                return TryTimestamp(BinaryPrimitives.ReadInt64BigEndian(value), "+00", out text);
            default:
                return false;
        }
    }

    private static string Float(double value) => value switch
    {
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Float(float value) =>
        float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : Float((double)value);

    /// <summary>
    /// numeric: Int16 ndigits, Int16 weight (of the first digit, in base-10000 digits), UInt16 sign (0x0000 +,
    /// 0x4000 −, 0xC000 NaN, 0xD000 +Infinity, 0xF000 −Infinity), Int16 dscale, then ndigits Int16 base-10000 digits
    /// (numeric_send in src/backend/utils/adt/numeric.c).
    /// </summary>
    private static bool TryNumeric(ReadOnlySpan<byte> value, out string text)
    {
        text = "";
        if (value.Length < 8)
        {
            return false;
        }
        int ndigits = BinaryPrimitives.ReadInt16BigEndian(value);
        int weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        int dscale = BinaryPrimitives.ReadInt16BigEndian(value[6..]);
        if (ndigits < 0 || dscale < 0 || dscale > 16383 || value.Length != 8 + (2 * ndigits))
        {
            return false;
        }
        switch (sign)
        {
            case 0xC000:
                text = "NaN";
                return true;
            case 0xD000:
                text = "Infinity";
                return true;
            case 0xF000:
                text = "-Infinity";
                return true;
            case not (0x0000 or 0x4000):
                return false;
        }
        var digits = new short[ndigits];
        for (var i = 0; i < ndigits; i++)
        {
            digits[i] = BinaryPrimitives.ReadInt16BigEndian(value[(8 + (2 * i))..]);
            if (digits[i] is < 0 or > 9999)
            {
                return false;
            }
        }
        var builder = new StringBuilder();
        if (sign == 0x4000)
        {
            builder.Append('-');
        }
        // Integer part: base-10000 digits 0..weight (those beyond ndigits are zero).
        if (weight < 0)
        {
            builder.Append('0');
        }
        else
        {
            for (var d = 0; d <= weight; d++)
            {
                var digit = d < ndigits ? digits[d] : 0;
                builder.Append(d == 0 ? digit.ToString(CultureInfo.InvariantCulture) : digit.ToString("D4", CultureInfo.InvariantCulture));
            }
        }
        if (dscale > 0)
        {
            builder.Append('.');
            var fraction = new StringBuilder();
            for (var d = weight + 1; fraction.Length < dscale; d++)
            {
                var digit = d >= 0 && d < ndigits ? digits[d] : 0;
                fraction.Append(digit.ToString("D4", CultureInfo.InvariantCulture));
            }
            builder.Append(fraction.ToString(0, dscale));
        }
        text = builder.ToString();
        return true;
    }

    private static bool TryDate(int days, out string text)
    {
        text = days switch
        {
            int.MaxValue => "infinity",
            int.MinValue => "-infinity",
            _ => "",
        };
        if (text.Length > 0)
        {
            return true;
        }
        // Years 1..9999 only, checked before the arithmetic (PostgreSQL goes further; such values are not decoded).
        const int MinDays = -730_119;  // 0001-01-01
        const int MaxDays = 2_921_939; // 9999-12-31
        if (days is < MinDays or > MaxDays)
        {
            return false;
        }
        text = PostgresEpoch.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryTime(long microseconds, out string text)
    {
        text = "";
        if (microseconds is < 0 or > 86_400_000_000)
        {
            return false;
        }
        text = microseconds == 86_400_000_000 ? "24:00:00" : Clock(TimeSpan.FromMicroseconds(microseconds));
        return true;
    }

    private static bool TryTimestamp(long microseconds, string zone, out string text)
    {
        text = microseconds switch
        {
            long.MaxValue => "infinity",
            long.MinValue => "-infinity",
            _ => "",
        };
        if (text.Length > 0)
        {
            return true;
        }
        // Years 1..9999 only (PostgreSQL goes further; such values are not decoded).
        const long MinMicroseconds = -63_082_281_600_000_000; // 0001-01-01
        const long MaxMicroseconds = 252_455_615_999_999_999; // 9999-12-31 23:59:59.999999
        if (microseconds is < MinMicroseconds or > MaxMicroseconds)
        {
            return false;
        }
        var at = PostgresEpoch.AddTicks(microseconds * 10);
        text = at.ToString("yyyy-MM-dd ", CultureInfo.InvariantCulture) + Clock(at.TimeOfDay) + zone;
        return true;
    }

    /// <summary>HH:MM:SS with the fraction PostgreSQL prints: up to 6 digits, trailing zeros dropped.</summary>
    private static string Clock(TimeSpan time)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:D2}:{time.Minutes:D2}:{time.Seconds:D2}");
        var micros = (time.Ticks % TimeSpan.TicksPerSecond) / 10;
        return micros == 0 ? text : text + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }
}
