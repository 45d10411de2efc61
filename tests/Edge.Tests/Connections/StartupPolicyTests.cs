using Warden.Edge.Connections;

namespace Warden.Edge.Tests.Connections;

/// <summary>Which startup parameters reach the upstream server, and which refuse the connection.</summary>
public sealed class StartupPolicyTests
{
    [Fact]
    public void Evaluate_AllowedSettings_PassThroughUnchanged()
    {
        var decision = StartupPolicy.Evaluate(Parameters(
            ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY"), ("TimeZone", "UTC"), ("extra_float_digits", "3"),
            ("search_path", "app, public"), ("statement_timeout", "5s")));

        Assert.False(decision.Refused);
        Assert.Equal("UTF8", decision.Settings["client_encoding"]);
        Assert.Equal("ISO, MDY", decision.Settings["datestyle"]);
        Assert.Equal("UTC", decision.Settings["timezone"]);
        Assert.Equal("3", decision.Settings["extra_float_digits"]);
        Assert.Equal("app, public", decision.Settings["search_path"]);
        Assert.Equal("5s", decision.Settings["statement_timeout"]);
    }

    [Fact]
    public void Evaluate_GatewayParameters_AreNotForwarded()
    {
        var decision = StartupPolicy.Evaluate(Parameters(
            ("user", "mallory"), ("database", "demo"), ("application_name", "psql"), ("replication", "false")));

        Assert.False(decision.Refused);
        Assert.Empty(decision.Settings);
    }

    [Theory]
    [InlineData("role")]
    [InlineData("session_authorization")]
    [InlineData("default_transaction_read_only")]
    [InlineData("transaction_read_only")]
    [InlineData("ROLE")]
    [InlineData("session_replication_role")]
    [InlineData("no_such_setting")]
    public void Evaluate_PrivilegeOrUnknownParameter_RefusedWith42501(string name)
    {
        var decision = StartupPolicy.Evaluate(Parameters(("user", "u"), (name, "off")));

        Assert.True(decision.Refused);
        Assert.Equal("42501", decision.RefusalState);
        Assert.Contains(name, decision.RefusalMessage, StringComparison.Ordinal);
        Assert.Empty(decision.Settings);
    }

    [Theory]
    [InlineData("-c role=postgres")]
    [InlineData("-c default_transaction_read_only=off")]
    [InlineData("--session-authorization=postgres")]
    [InlineData("-c search_path=public -c role=postgres")]
    public void Evaluate_PrivilegeSettingInOptions_RefusedWith42501(string options)
    {
        var decision = StartupPolicy.Evaluate(Parameters(("options", options)));

        Assert.True(decision.Refused);
        Assert.Equal("42501", decision.RefusalState);
    }

    [Fact]
    public void Evaluate_AllowedSettingsInOptions_ForwardedAsSettings()
    {
        var decision = StartupPolicy.Evaluate(Parameters(("options", "-c search_path=a\\ b --statement-timeout=10s")));

        Assert.False(decision.Refused);
        Assert.Equal("a b", decision.Settings["search_path"]);
        Assert.Equal("10s", decision.Settings["statement_timeout"]);
        Assert.False(decision.Settings.ContainsKey("options"));
    }

    [Fact]
    public void Evaluate_UnsupportedSwitchInOptions_RefusedWith42501()
    {
        var decision = StartupPolicy.Evaluate(Parameters(("options", "-d 5")));

        Assert.True(decision.Refused);
        Assert.Equal("42501", decision.RefusalState);
    }

    [Theory]
    [InlineData("SJIS")]
    [InlineData("sjis")]
    [InlineData("SHIFT_JIS")]
    [InlineData("BIG5")]
    [InlineData("GBK")]
    [InlineData("UHC")]
    [InlineData("GB18030")]
    [InlineData("JOHAB")]
    [InlineData("SHIFT_JIS_2004")]
    public void Evaluate_UnsafeClientEncoding_Refused(string encoding)
    {
        var decision = StartupPolicy.Evaluate(Parameters(("client_encoding", encoding)));

        Assert.True(decision.Refused);
        Assert.Equal("0A000", decision.RefusalState);
    }

    /// <summary>
    /// PostgreSQL accepts an encoding name after dropping every non-alphanumeric character and folding case, and
    /// knows Windows code-page aliases (src/common/encnames.c: clean_encoding_name, pg_encname_tbl). Each name
    /// below was checked with <c>SET client_encoding</c> on PostgreSQL 15 and resolves to a client-only encoding.
    /// </summary>
    [Theory]
    [InlineData("Shift-JIS")]
    [InlineData("shift-jis")]
    [InlineData("SHIFTJIS")]
    [InlineData("S_JIS")]
    [InlineData("win932")]
    [InlineData("WINDOWS_932")]
    [InlineData("Windows-936")]
    [InlineData("win949")]
    [InlineData("win950")]
    [InlineData("big 5")]
    public void Evaluate_UnsafeClientEncodingAlias_Refused(string encoding)
    {
        var decision = StartupPolicy.Evaluate(Parameters(("client_encoding", encoding)));

        Assert.True(decision.Refused, $"client_encoding '{encoding}' reached upstream");
        Assert.Equal("0A000", decision.RefusalState);
    }

    [Fact]
    public void Evaluate_UnsafeClientEncodingAliasInOptions_Refused()
    {
        var decision = StartupPolicy.Evaluate(Parameters(("options", "-c client_encoding=win932")));

        Assert.True(decision.Refused, "client_encoding 'win932' reached upstream");
        Assert.Equal("0A000", decision.RefusalState);
    }

    [Theory]
    [InlineData("UTF8")]
    [InlineData("utf-8")]
    [InlineData("LATIN1")]
    [InlineData("EUC_JP")]
    public void Evaluate_AsciiSafeClientEncoding_Forwarded(string encoding)
    {
        var decision = StartupPolicy.Evaluate(Parameters(("client_encoding", encoding)));

        Assert.False(decision.Refused);
        Assert.Equal(encoding, decision.Settings["client_encoding"]);
    }

    /// <summary>
    /// The classifier lexes SQL with standard_conforming_strings on. Off, the server reads a backslash in '...' as an
    /// escape, so <c>SELECT 'x\''; SET default_transaction_read_only = off; -- '</c> is one harmless SELECT to the
    /// classifier and two statements to the server. SET standard_conforming_strings = off is classified admin for
    /// exactly this reason; at startup it must not pass either.
    /// </summary>
    [Theory]
    [InlineData("standard_conforming_strings", "off")]
    [InlineData("standard_conforming_strings", "false")]
    [InlineData("options", "-c standard_conforming_strings=off")]
    public void Evaluate_StandardConformingStringsOff_Refused(string name, string value)
    {
        var decision = StartupPolicy.Evaluate(Parameters((name, value)));

        Assert.True(decision.Refused, "standard_conforming_strings=off reached upstream");
        Assert.Equal("42501", decision.RefusalState);
    }

    [Theory]
    [InlineData("database")]
    [InlineData("true")]
    [InlineData("on")]
    [InlineData("1")]
    [InlineData("yes")]
    public void Evaluate_Replication_RefusedWith42501(string value)
    {
        var decision = StartupPolicy.Evaluate(Parameters(("replication", value)));

        Assert.True(decision.Refused);
        Assert.Equal("42501", decision.RefusalState);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("0")]
    [InlineData("off")]
    [InlineData("no")]
    public void Evaluate_ReplicationOff_Allowed(string value)
    {
        var decision = StartupPolicy.Evaluate(Parameters(("replication", value), ("timezone", "UTC")));

        Assert.False(decision.Refused);
        Assert.False(decision.Settings.ContainsKey("replication"));
        Assert.Equal("UTC", decision.Settings["timezone"]);
    }

    [Fact]
    public void Evaluate_ProtocolExtensions_NotForwarded()
    {
        var decision = StartupPolicy.Evaluate(Parameters(("_pq_.protocol_managed_params", "1"), ("_pq_.unknown", "x")));

        Assert.False(decision.Refused);
        Assert.Empty(decision.Settings);
    }

    private static Dictionary<string, string> Parameters(params (string Name, string Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
