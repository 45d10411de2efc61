using System.Diagnostics;
using Warden.Edge.Masking;
using Warden.Grains.Interfaces.Masking;

namespace Warden.Edge.Tests.Masking;

public sealed class ContentDetectorsTests
{
    private static readonly ContentDetectors All = new([MaskDetector.Email, MaskDetector.CreditCard, MaskDetector.Ssn]);

    [Theory]
    [InlineData("mail alice@example.com today", "mail [email] today")]
    [InlineData("write to a.b-c+d@sub.example.co.uk.", "write to [email].")]
    [InlineData("<bob@example.org>, carol@example.net", "<[email]>, [email]")]
    [InlineData("用户@例子.广告", "[email]")]
    [InlineData("fullwidth ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "fullwidth [email]")]
    [InlineData("a@b@c.example.com", "a@[email]")]
    [InlineData("no address @ here, a@b, x@y.z, user@localhost", "no address @ here, a@b, x@y.z, user@localhost")]
    [InlineData("version 1.2@3.4", "version 1.2@3.4")]
    public void Email_FoundAndReplaced(string text, string expected) =>
        Assert.Equal(expected, new ContentDetectors([MaskDetector.Email]).Mask(text));

    [Theory]
    [InlineData("card 4111111111111111 ok", "card [credit_card] ok")]
    [InlineData("4111 1111 1111 1111", "[credit_card]")]
    [InlineData("4111-1111-1111-1111 exp 12/27", "[credit_card] exp 12/27")]
    [InlineData("3782 822463 10005", "[credit_card]")]                       // Amex 4-6-5
    [InlineData("4111 1111 1111 1111 2027", "[credit_card] 2027")]           // followed by more digits
    [InlineData("order 4111 1111 1111 1112", "order 4111 1111 1111 1112")]   // Luhn fails
    [InlineData("id 41111111111111111111111", "id 41111111111111111111111")] // 23 digits in one group: not a card
    [InlineData("４１１１１１１１１１１１１１１１", "[credit_card]")]             // fullwidth digits
    [InlineData("4111  1111 - 1111 1111", "[credit_card]")]                 // up to 3 separator characters between groups
    [InlineData("4111    1111 1111 1111", "4111    1111 1111 1111")]        // 4 spaces end the run; 12 digits are not a card
    [InlineData("phone 555-0100", "phone 555-0100")]
    public void CreditCard_LuhnValidRunsReplaced(string text, string expected) =>
        Assert.Equal(expected, new ContentDetectors([MaskDetector.CreditCard]).Mask(text));

    [Theory]
    [InlineData("ssn 123-45-6789.", "ssn [ssn].")]
    [InlineData("078-05-1120 and 219-09-9999", "[ssn] and [ssn]")]
    [InlineData("000-12-3456 666-12-3456 900-12-3456 999-12-3456", "000-12-3456 666-12-3456 900-12-3456 999-12-3456")]
    [InlineData("123-00-4567 123-45-0000", "123-00-4567 123-45-0000")]
    [InlineData("1123-45-6789 123-45-67890", "1123-45-6789 123-45-67890")]
    [InlineData("123456789 123 45 6789", "123456789 123 45 6789")]
    public void Ssn_ValidAreasReplaced_InvalidRangesAndLongerRunsKept(string text, string expected) =>
        Assert.Equal(expected, new ContentDetectors([MaskDetector.Ssn]).Mask(text));

    [Fact]
    public void All_OverlappingAndAdjacentMatches_EachReplacedOnce()
    {
        Assert.Equal("[email] [credit_card] [ssn]", All.Mask("x@example.com 4111111111111111 123-45-6789"));
        Assert.Equal("[email]", All.Mask("4111111111111111@example.com"));
    }

    [Fact]
    public void NoDetectors_TextUnchanged()
    {
        var text = "alice@example.com 4111111111111111";
        Assert.Same(text, new ContentDetectors([]).Mask(text));
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "at signs", string.Concat(Enumerable.Repeat("a@", 100_000)) },
        { "local then dots", new string('a', 100_000) + "@" + string.Concat(Enumerable.Repeat("b.", 50_000)) },
        { "digits", new string('4', 200_000) },
        { "digit groups", string.Concat(Enumerable.Repeat("4 ", 100_000)) },
        { "dashed digits", string.Concat(Enumerable.Repeat("123-45-", 30_000)) },
        { "unicode", string.Concat(Enumerable.Repeat("ü😀@４", 50_000)) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Mask_HostileInput_LinearTime(string name, string text)
    {
        _ = name;
        All.Mask(text[..(text.Length / 10)]); // warm up
        var watch = Stopwatch.StartNew();
        var masked = All.Mask(text);
        watch.Stop();
        Assert.NotNull(masked);
        // Linear scanners take milliseconds here; anything quadratic would take minutes.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{name}: {watch.Elapsed}");
    }

    [Fact]
    public void Luhn_KnownNumbers()
    {
        Assert.True(CreditCardDetector.PassesLuhn("4111111111111111"));
        Assert.True(CreditCardDetector.PassesLuhn("5500 0000 0000 0004"));
        Assert.True(CreditCardDetector.PassesLuhn("378282246310005"));
        Assert.False(CreditCardDetector.PassesLuhn("4111111111111112"));
    }
}
