using Warden.Grains.Interfaces.Masking;
using System.Buffers.Binary;
using System.Text;
using Warden.Edge.Masking;

namespace Warden.Edge.Tests.Masking;

public sealed class BinaryValuesTests
{
    private static string? Decode(uint type, byte[] bytes, Encoding? encoding = null) =>
        BinaryValues.TryDecode(type, bytes, encoding ?? Encoding.UTF8, out var text) ? text : null;

    private static byte[] Be(Action<byte[]> write, int length)
    {
        var bytes = new byte[length];
        write(bytes);
        return bytes;
    }

    [Fact]
    public void Integers_BoolsAndOids()
    {
        Assert.Equal("t", Decode(TypeOids.Bool, [1]));
        Assert.Equal("f", Decode(TypeOids.Bool, [0]));
        Assert.Equal("-2", Decode(TypeOids.Int2, [0xff, 0xfe]));
        Assert.Equal("123456", Decode(TypeOids.Int4, Be(b => BinaryPrimitives.WriteInt32BigEndian(b, 123456), 4)));
        Assert.Equal("4000000000", Decode(TypeOids.Oid, Be(b => BinaryPrimitives.WriteUInt32BigEndian(b, 4_000_000_000), 4)));
        Assert.Equal("-9223372036854775808", Decode(TypeOids.Int8, Be(b => BinaryPrimitives.WriteInt64BigEndian(b, long.MinValue), 8)));
    }

    [Fact]
    public void Floats_AsPostgresPrintsThem()
    {
        Assert.Equal("1.5", Decode(TypeOids.Float8, Be(b => BinaryPrimitives.WriteDoubleBigEndian(b, 1.5), 8)));
        Assert.Equal("0.1", Decode(TypeOids.Float4, Be(b => BinaryPrimitives.WriteSingleBigEndian(b, 0.1f), 4)));
        Assert.Equal("-Infinity", Decode(TypeOids.Float8, Be(b => BinaryPrimitives.WriteDoubleBigEndian(b, double.NegativeInfinity), 8)));
        Assert.Equal("NaN", Decode(TypeOids.Float4, Be(b => BinaryPrimitives.WriteSingleBigEndian(b, float.NaN), 4)));
    }

    [Fact]
    public void TextTypes_InTheClientEncoding()
    {
        var utf8 = Encoding.UTF8.GetBytes("josé@example.com");
        Assert.Equal("josé@example.com", Decode(TypeOids.Text, utf8));
        Assert.Equal("josé@example.com", Decode(TypeOids.Varchar, utf8));
        Assert.Equal("jos\u00c3\u00a9@example.com", Decode(TypeOids.Bpchar, utf8, Encoding.Latin1));
        Assert.Equal("{\"a\":1}", Decode(TypeOids.Json, "{\"a\":1}"u8.ToArray()));
        Assert.Equal("{\"a\": 1}", Decode(TypeOids.Jsonb, [1, .. "{\"a\": 1}"u8]));
        Assert.Null(Decode(TypeOids.Jsonb, [2, .. "{}"u8]));
    }

    [Fact]
    public void Uuid_LowerCaseWithDashes()
    {
        byte[] bytes = [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
        Assert.Equal("12345678-9abc-def0-0123-456789abcdef", Decode(TypeOids.Uuid, bytes));
    }

    public static TheoryData<string, byte[]> Numerics => new()
    {
        // ndigits, weight, sign, dscale, digits
        { "0", N(0, 0, 0, 0) },
        { "12345.670", N(3, 1, 0, 3, 1, 2345, 6700) },
        { "-0.0001", N(1, -1, 0x4000, 4, 1) },
        { "100000000", N(1, 2, 0, 0, 1) },
        { "0.000012", N(1, -2, 0, 6, 1200) },
        { "NaN", N(0, 0, 0xC000, 0) },
        { "-Infinity", N(0, 0, 0xF000, 0) },
    };

    [Theory]
    [MemberData(nameof(Numerics))]
    public void Numeric_AsPostgresPrintsIt(string expected, byte[] bytes) => Assert.Equal(expected, Decode(TypeOids.Numeric, bytes));

    private static byte[] N(short ndigits, short weight, ushort sign, short dscale, params short[] digits)
    {
        var bytes = new byte[8 + (2 * digits.Length)];
        BinaryPrimitives.WriteInt16BigEndian(bytes, ndigits);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2), weight);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), sign);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(6), dscale);
        for (var i = 0; i < digits.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(8 + (2 * i)), digits[i]);
        }
        return bytes;
    }

    [Fact]
    public void DatesAndTimes_FromThePostgresEpoch()
    {
        Assert.Equal("2024-02-29", Decode(TypeOids.Date, Be(b => BinaryPrimitives.WriteInt32BigEndian(b, 8825), 4)));
        Assert.Equal("infinity", Decode(TypeOids.Date, Be(b => BinaryPrimitives.WriteInt32BigEndian(b, int.MaxValue), 4)));
        Assert.Equal("13:05:07.25", Decode(TypeOids.Time, Be(b => BinaryPrimitives.WriteInt64BigEndian(b, 47_107_250_000), 8)));
        Assert.Equal("2000-01-02 00:00:01", Decode(TypeOids.Timestamp, Be(b => BinaryPrimitives.WriteInt64BigEndian(b, 86_401_000_000), 8)));
        Assert.Equal("1999-12-31 23:59:59.999999+00", Decode(TypeOids.TimestampTz, Be(b => BinaryPrimitives.WriteInt64BigEndian(b, -1), 8)));
        Assert.Equal("-infinity", Decode(TypeOids.TimestampTz, Be(b => BinaryPrimitives.WriteInt64BigEndian(b, long.MinValue), 8)));
    }

    [Theory]
    [InlineData(TypeOids.Int4, 3)]
    [InlineData(TypeOids.Int8, 4)]
    [InlineData(TypeOids.Uuid, 15)]
    [InlineData(TypeOids.Bool, 2)]
    [InlineData(TypeOids.Numeric, 9)]
    [InlineData(TypeOids.Date, 8)]
    [InlineData(1186u, 16)]   // interval: not decoded
    [InlineData(17u, 4)]      // bytea: never decoded
    [InlineData(3904u, 20)]   // int4range
    public void WrongLengthOrUnknownType_NotDecoded(uint type, int length) => Assert.Null(Decode(type, new byte[length]));

    [Theory]
    [InlineData(-730_119, "0001-01-01")]
    [InlineData(2_921_939, "9999-12-31")]
    [InlineData(-730_120, null)]
    [InlineData(2_921_940, null)]
    [InlineData(2_000_000_000, null)]
    public void Date_OutsideYears1To9999_NotDecodedNeverThrows(int days, string? expected) =>
        Assert.Equal(expected, Decode(TypeOids.Date, Be(b => BinaryPrimitives.WriteInt32BigEndian(b, days), 4)));

    [Theory]
    [InlineData(long.MaxValue - 1)]
    [InlineData(long.MinValue + 1)]
    [InlineData(300_000_000_000_000_000)]
    public void Timestamp_OutOfRange_NotDecodedNeverThrows(long microseconds) =>
        Assert.Null(Decode(TypeOids.Timestamp, Be(b => BinaryPrimitives.WriteInt64BigEndian(b, microseconds), 8)));

    [Fact]
    public void Placeholder_SaysOnlyTheSize() => Assert.Equal("<binary 16 bytes>", BinaryValues.Placeholder(16));
}
