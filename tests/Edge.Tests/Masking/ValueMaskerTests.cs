using System.Text;
using Warden.Edge.Masking;
using Warden.Grains.Interfaces.Masking;

namespace Warden.Edge.Tests.Masking;

public sealed class ValueMaskerTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a test key of thirty-two bytes!!");
    private static readonly byte[] OtherKey = Encoding.UTF8.GetBytes("another key, also thirty-two....");

    [Theory]
    [InlineData("alice@example.com", "a***@example.com")]
    [InlineData("  bob.smith+tag@mail.example.org ", "b***@mail.example.org")]
    [InlineData("ünïcode@例子.广告", "ü***@例子.广告")]
    [InlineData("900-12-3456", "****3456")]
    [InlineData("4111 1111 1111 1111", "****1111")]
    [InlineData("12345678", "****5678")]
    [InlineData("1234567", "****")]
    [InlineData("", "****")]
    [InlineData("@example.com", "****.com")]
    [InlineData("not an email@", "****ail@")]
    public void Partial_EmailKeepsFirstAndDomain_OtherwiseLastFourOfLongValues(string value, string expected)
    {
        // "@example.com" has no local part: not an address, so the last 4 of its 12 characters.
        Assert.Equal(expected, ValueMasker.Partial(value));
    }

    [Fact]
    public void Partial_SurrogatePairs_CountAsOneCharacterAndAreNeverSplit()
    {
        var value = string.Concat(Enumerable.Repeat("😀", 9)); // 9 scalar values, 18 UTF-16 units
        var masked = ValueMasker.Partial(value);
        Assert.Equal("****" + string.Concat(Enumerable.Repeat("😀", 4)), masked);
        Assert.Equal("****", ValueMasker.Partial(string.Concat(Enumerable.Repeat("😀", 7))));
    }

    [Fact]
    public void Hash_SameValueSameKey_EqualSixteenHexCharacters()
    {
        var a = ValueMasker.Apply(MaskMethod.Hash, "900-12-3456", Key);
        var b = ValueMasker.Apply(MaskMethod.Hash, "900-12-3456", Key);
        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{16}$", a);
        Assert.NotEqual(a, ValueMasker.Apply(MaskMethod.Hash, "900-12-3457", Key));
        Assert.NotEqual(a, ValueMasker.Apply(MaskMethod.Hash, "900-12-3456", OtherKey));
        Assert.DoesNotContain("3456", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_IsHmacSha256OfUtf8()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("é")))[..16];
        Assert.Equal(expected, ValueMasker.Apply(MaskMethod.Hash, "é", Key));
    }

    [Fact]
    public void RedactAndNull_ShowNothing()
    {
        Assert.Equal("****", ValueMasker.Apply(MaskMethod.Redact, "secret value", Key));
        Assert.Null(ValueMasker.Apply(MaskMethod.Null, "secret value", Key));
    }
}
