using static Warden.Policy.Tests.TestPolicies;

namespace Warden.Policy.Tests.Loading;

/// <summary>Values that are well-formed YAML but not valid policy: classes, patterns, durations, choices, names.</summary>
public sealed class PolicyLoaderValueErrorTests
{
    private static string Replace(string find, string replacement) =>
        Minimal.Replace(find, replacement, StringComparison.Ordinal);

    [Fact]
    public void Load_UnknownStatementClass_ReportsItemLineAndSuggestion()
    {
        var yaml = Replace("allow: [read]", "allow: [read, writes]");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.StartsWith("unknown statement class 'writes'; did you mean 'write'?", error.Message, StringComparison.Ordinal);
        Assert.Equal((LineOf(yaml, "writes"), yaml.Split('\n')[LineOf(yaml, "writes") - 1].IndexOf("writes", StringComparison.Ordinal) + 1), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("billing")]
    [InlineData("billing.invoices.amount")]
    [InlineData("billing.")]
    [InlineData(".invoices")]
    [InlineData("bill-ing.*")]
    [InlineData("\"billing. invoices\"")]
    public void Load_InvalidMatchPattern_Reports(string pattern)
    {
        var yaml = Minimal + $"""
                objects:
                  - match: {pattern}
                    deny: [write]
            """;

        var error = Assert.Single(LoadErrors(yaml));

        Assert.StartsWith("invalid match pattern", error.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, "match:"), error.Line);
        Assert.Equal("access[0].objects[0].match", error.Path);
    }

    [Fact]
    public void Load_ObjectEntryWithUnknownKeyAndMissingMatch_ReportsBoth()
    {
        var yaml = Minimal + """
                objects:
                  - mtach: billing.*
                    deny: [write]
            """;

        var errors = LoadErrors(yaml);

        Assert.Equal(LineOf(yaml, "mtach"), Single(errors, "unknown key 'mtach'; did you mean 'match'?").Line);
        Single(errors, "missing required key 'match'");
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("m")]
    [InlineData("10 m")]
    [InlineData("31d")]
    [InlineData("99999999999s")]
    public void Load_InvalidDuration_Reports(string duration)
    {
        var yaml = Minimal + $"approvals:\n  timeout: {duration}\n";

        var error = Assert.Single(LoadErrors(yaml));

        Assert.StartsWith($"invalid duration '{duration}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, "timeout"), error.Line);
    }

    [Theory]
    [InlineData("database: app", "database: app\n    tls: verify", "'verify' is not one of disable | require | verify-full")]
    [InlineData("allow: [read]", "allow: [read]\napprovals:\n  mode: holdd", "'holdd' is not one of hold | deferred; did you mean 'hold'?")]
    [InlineData("allow: [read]", "allow: [read]\nrecording:\n  durability: lax", "'lax' is not one of strict | batched")]
    [InlineData("allow: [read]", "allow: [read]\nrecording:\n  results: all", "'all' is not one of none | masked")]
    [InlineData("allow: [read]", "allow: [read]\nmasking:\n  columns:\n    public.t.c: scramble", "'scramble' is not one of redact | null | partial | hash")]
    [InlineData("allow: [read]", "allow: [read]\nmasking:\n  detectors: [email, creditcard]", "'creditcard' is not one of email | credit_card | ssn; did you mean 'credit_card'?")]
    public void Load_ValueNotAmongChoices_ReportsChoices(string find, string replacement, string expectedMessage)
    {
        var yaml = Replace(find, replacement);

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal(expectedMessage, error.Message);
        Assert.Equal(LineOf(yaml, replacement.Split('\n')[^1].Trim()), error.Line);
    }

    [Fact]
    public void Load_ClassInAllowAndDeny_ReportsContradiction()
    {
        var yaml = Replace("allow: [read]", "allow: [read, write]\n    deny: [write, admin]");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("'write' listed in both 'allow' and 'deny'", error.Message);
        Assert.Equal(LineOf(yaml, "deny:"), error.Line);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://issuer.example")]
    [InlineData("/relative/issuer")]
    public void Load_IssuerNotAnHttpUrl_Reports(string issuer)
    {
        var yaml = Minimal + $"identity:\n  issuers:\n    - issuer: {issuer}\n      audience: warden\n";

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Contains("must be an absolute https://", error.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, "- issuer"), error.Line);
    }

    [Theory]
    [InlineData("customers.email")]
    [InlineData("public.customers.email.x")]
    [InlineData("public..email")]
    public void Load_MaskedColumnNotThreePart_Reports(string column)
    {
        var yaml = Minimal + $"masking:\n  columns:\n    {column}: redact\n";

        var error = Assert.Single(LoadErrors(yaml));

        Assert.StartsWith($"invalid column '{column}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(yaml, column), error.Line);
    }

    [Theory]
    [InlineData("host: db.internal", "host: \"${env:DB_HOST}\"")]
    [InlineData("database: app", "database: ${file:/db-name}")]
    public void Load_SecretReferenceOutsideCredentials_Reports(string find, string replacement)
    {
        var yaml = Replace(find, replacement);

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("secret references are resolved only in a role's user and password", error.Message);
        Assert.Equal(LineOf(yaml, replacement), error.Line);
    }
}
