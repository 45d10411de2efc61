using Warden.Policy.Loading;

namespace Warden.Policy.Tests.Loading;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("2d", 172800)]
    [InlineData("1h30m", 5400)]
    [InlineData("1m1s", 61)]
    [InlineData("30d", 2592000)]
    public void TryParse_NumberWithUnit_ReadsSeconds(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("1.5h")]
    [InlineData("10M")]
    [InlineData("0m")]
    [InlineData("30d1s")]
    public void TryParse_Malformed_Fails(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(600, "10m")]
    [InlineData(5400, "1h30m")]
    [InlineData(90061, "1d1h1m1s")]
    [InlineData(45, "45s")]
    public void Format_Duration_ReadsBackTheSame(int seconds, string expected)
    {
        var text = DurationText.Format(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, text);
        Assert.True(DurationText.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromSeconds(seconds), back);
    }
}
