using Warden.Edge.Connections;

namespace Warden.Edge.Tests.Connections;

/// <summary>The startup "options" string, read as PostgreSQL's pg_split_opts reads it.</summary>
public sealed class CommandLineOptionsTests
{
    [Theory]
    [InlineData("-c search_path=public")]
    [InlineData("-csearch_path=public")]
    [InlineData("--search_path=public")]
    [InlineData("  -c   search_path=public  ")]
    public void Parse_SettingForms_YieldNameAndValue(string options)
    {
        var (settings, error) = CommandLineOptions.Parse(options);

        Assert.Null(error);
        Assert.Equal(new (string, string)[] { ("search_path", "public") }, settings);
    }

    [Fact]
    public void Parse_SeveralSettings_KeepsOrder()
    {
        var (settings, error) = CommandLineOptions.Parse("-c a=1 -cb=2 --c=3");

        Assert.Null(error);
        Assert.Equal(new (string, string)[] { ("a", "1"), ("b", "2"), ("c", "3") }, settings);
    }

    [Fact]
    public void Parse_BackslashEscapedSpace_StaysInValue()
    {
        var (settings, error) = CommandLineOptions.Parse(@"-c search_path=my\ schema,public -c timezone=UTC");

        Assert.Null(error);
        Assert.Equal(new (string, string)[] { ("search_path", "my schema,public"), ("timezone", "UTC") }, settings);
    }

    [Fact]
    public void Parse_EscapedBackslash_IsOneBackslash()
    {
        var (settings, error) = CommandLineOptions.Parse(@"-c search_path=a\\b");

        Assert.Null(error);
        Assert.Equal(new (string, string)[] { ("search_path", @"a\b") }, settings);
    }

    [Fact]
    public void Parse_ValueContainingEquals_SplitsAtFirstEquals()
    {
        var (settings, error) = CommandLineOptions.Parse("-c search_path=a=b");

        Assert.Null(error);
        Assert.Equal(new (string, string)[] { ("search_path", "a=b") }, settings);
    }

    [Fact]
    public void Parse_Empty_YieldsNothing()
    {
        var (settings, error) = CommandLineOptions.Parse("   ");

        Assert.Null(error);
        Assert.Empty(settings);
    }

    [Theory]
    [InlineData("-d 5")]
    [InlineData("-F")]
    [InlineData("-Fc search_path=x")]
    [InlineData("-c")]
    [InlineData("-c search_path")]
    [InlineData("-c =x")]
    [InlineData("--")]
    [InlineData("--search_path")]
    [InlineData("search_path=x")]
    [InlineData("-c a=1 -P")]
    public void Parse_OtherSwitches_Refused(string options)
    {
        var (_, error) = CommandLineOptions.Parse(options);

        Assert.NotNull(error);
        Assert.Contains("not allowed through Warden", error, StringComparison.Ordinal);
    }
}
