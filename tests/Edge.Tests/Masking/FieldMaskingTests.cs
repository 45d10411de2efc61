using System.Text;
using Warden.Edge.Masking;
using Warden.Grains.Interfaces.Masking;
using Warden.Protocol.Messages;

namespace Warden.Edge.Tests.Masking;

public sealed class FieldMaskingTests
{
    internal const uint Customers = 16390;
    internal const uint CustomerView = 16400;
    internal static readonly byte[] Key = Encoding.UTF8.GetBytes("a test key of thirty-two bytes!!");

    internal static SampleMasking Plan(bool masksColumns = true) => new(
        [
            new MaskedField(Customers, 3, MaskMethod.Partial),   // email
            new MaskedField(Customers, 4, MaskMethod.Redact),    // ssn
            new MaskedField(Customers, 5, MaskMethod.Hash),      // card
            new MaskedField(Customers, 6, MaskMethod.Null),      // note
            new MaskedField(CustomerView, 1, MaskMethod.Redact),
            new MaskedField(CustomerView, 2, MaskMethod.Redact),
        ],
        [MaskDetector.Email, MaskDetector.CreditCard, MaskDetector.Ssn], masksColumns, Key, KnownRelationsUpTo: 20_000);

    private static RowField Field(uint table, short column, uint type = TypeOids.Text, short format = RowField.TextFormat) =>
        new("f", table, column, type, -1, -1, format);

    [Theory]
    [InlineData(Customers, (short)3, TypeOids.Text, MaskMethod.Partial)]
    [InlineData(Customers, (short)4, TypeOids.Text, MaskMethod.Redact)]
    [InlineData(Customers, (short)5, TypeOids.Text, MaskMethod.Hash)]
    [InlineData(CustomerView, (short)2, TypeOids.Int4, MaskMethod.Redact)]     // a view column, whatever its type
    [InlineData(0u, (short)0, TypeOids.Text, MaskMethod.Redact)]                // lower(email), to_json(c)::text
    [InlineData(0u, (short)0, 2249u, MaskMethod.Redact)]                            // record: row(c.*)
    [InlineData(0u, (short)0, 3802u, MaskMethod.Redact)]                            // jsonb
    [InlineData(Customers, (short)0, 16392u, MaskMethod.Redact)]                    // whole row of customers
    [InlineData(30_000u, (short)1, TypeOids.Text, MaskMethod.Redact)]           // a relation newer than the catalog
    public void Decide_MaskedOrUnknownOrigin_Masked(uint table, short column, uint type, MaskMethod expected) =>
        Assert.Equal(expected, new FieldMasking(Plan()).Decide(Field(table, column, type)));

    [Theory]
    [InlineData(Customers, (short)1, TypeOids.Text)]     // an unmasked column of the masked table
    [InlineData(12_000u, (short)0, 16392u)]                  // whole row of a table with nothing masked
    [InlineData(0u, (short)0, TypeOids.Int8)]            // count(*)
    [InlineData(0u, (short)0, 1700u)]                        // sum(amount)
    [InlineData(0u, (short)0, 1184u)]                        // now()
    [InlineData(0u, (short)0, 2950u)]                        // gen_random_uuid()
    [InlineData(30_000u, (short)1, TypeOids.Bool)]       // newer relation, plain scalar
    public void Decide_KnownOriginOrPlainScalar_DetectorsOnly(uint table, short column, uint type) =>
        Assert.Null(new FieldMasking(Plan()).Decide(Field(table, column, type)));

    [Fact]
    public void Decide_PolicyMasksNoColumns_ComputedValuesKeptForDetectors()
    {
        var masking = new FieldMasking(Plan(masksColumns: false) with { Fields = [] });
        Assert.Null(masking.Decide(Field(0, 0)));
        Assert.Null(masking.Decide(Field(30_000, 1)));
    }

    [Fact]
    public void Mask_TextValues_MethodOrDetectors()
    {
        var masking = new FieldMasking(Plan());
        var utf8 = Encoding.UTF8;
        Assert.Equal("a***@example.com", masking.Mask(Field(Customers, 3), MaskMethod.Partial, utf8.GetBytes("alice@example.com"), utf8));
        Assert.Equal("****", masking.Mask(Field(Customers, 4), MaskMethod.Redact, utf8.GetBytes("123-45-6789"), utf8));
        Assert.Null(masking.Mask(Field(Customers, 6), MaskMethod.Null, utf8.GetBytes("x"), utf8));
        Assert.Null(masking.Mask(Field(Customers, 3), MaskMethod.Partial, null, utf8));
        Assert.Equal("call [email] re [ssn]", masking.Mask(Field(Customers, 1), null, utf8.GetBytes("call bob@example.org re 123-45-6789"), utf8));
    }

    [Fact]
    public void Mask_Hash_SameForTextAndBinaryText()
    {
        var masking = new FieldMasking(Plan());
        var text = masking.Mask(Field(Customers, 5), MaskMethod.Hash, "4111111111111111"u8.ToArray(), Encoding.UTF8);
        var binary = masking.Mask(Field(Customers, 5, format: RowField.BinaryFormat), MaskMethod.Hash, "4111111111111111"u8.ToArray(), Encoding.UTF8);
        Assert.Equal(text, binary);
        Assert.Matches("^[0-9a-f]{16}$", text);
    }

    [Fact]
    public void Mask_BinaryValueOfUnknownType_PlaceholderNeverBytes()
    {
        var masking = new FieldMasking(Plan());
        byte[] secret = [.. "alice@example.com"u8];
        var field = Field(12_000, 1, type: 3904, format: RowField.BinaryFormat);
        Assert.Equal("<binary 17 bytes>", masking.Mask(field, null, secret, Encoding.UTF8));
        Assert.Equal("****", masking.Mask(field, MaskMethod.Partial, secret, Encoding.UTF8));
        Assert.Null(masking.Mask(field, MaskMethod.Null, secret, Encoding.UTF8));
        Assert.Matches("^[0-9a-f]{16}$", masking.Mask(field, MaskMethod.Hash, secret, Encoding.UTF8));
    }

    [Fact]
    public void Mask_RandomBytesOfEveryDecodedType_NeverThrow()
    {
        uint[] types =
        [
            TypeOids.Bool, TypeOids.Bytea, TypeOids.Char, TypeOids.Name, TypeOids.Int8, TypeOids.Int2,
            TypeOids.Int4, TypeOids.Text, TypeOids.Oid, TypeOids.Json, TypeOids.Float4, TypeOids.Float8,
            TypeOids.Unknown, TypeOids.Bpchar, TypeOids.Varchar, TypeOids.Date, TypeOids.Time,
            TypeOids.Timestamp, TypeOids.TimestampTz, TypeOids.Numeric, TypeOids.Uuid, TypeOids.Jsonb,
        ];
        var masking = new FieldMasking(Plan());
        var random = new Random(20240229);
        foreach (var type in types)
        {
            for (var i = 0; i < 2000; i++)
            {
                var value = new byte[random.Next(0, 24)];
                random.NextBytes(value);
                foreach (var format in new[] { RowField.TextFormat, RowField.BinaryFormat })
                {
                    var field = Field(12_000, 1, type, format);
                    _ = masking.Mask(field, null, value, Encoding.UTF8);
                    _ = masking.Mask(field, MaskMethod.Partial, value, Encoding.Latin1);
                }
            }
        }
    }

    [Fact]
    public void Mask_Bytea_SizeOnlyInEitherFormat()
    {
        var masking = new FieldMasking(Plan());
        Assert.Equal("<bytea 3 bytes>", masking.Mask(Field(12_000, 1, TypeOids.Bytea), null, "\\x616263"u8.ToArray(), Encoding.UTF8));
        Assert.Equal("<bytea 3 bytes>", masking.Mask(Field(12_000, 1, TypeOids.Bytea, RowField.BinaryFormat), null, "abc"u8.ToArray(), Encoding.UTF8));
    }
}
