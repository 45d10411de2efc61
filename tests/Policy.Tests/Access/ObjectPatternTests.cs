using Warden.Policy.Access;

namespace Warden.Policy.Tests.Access;

public sealed class ObjectPatternTests
{
    [Theory]
    [InlineData("billing.*", "billing", "invoices", true)]
    [InlineData("billing.*", "billing", "", true)]
    [InlineData("billing.*", "billings", "invoices", false)]
    [InlineData("*.audit_*", "public", "audit_log", true)]
    [InlineData("*.audit_*", "public", "my_audit_log", false)]
    [InlineData("public.orders", "public", "orders", true)]
    [InlineData("public.orders", "public", "orders2", false)]
    [InlineData("public.orders", "Public", "orders", false)]
    [InlineData("pub*ic.*rd*s", "public", "orders", true)]
    [InlineData("*.*", "any", "thing", true)]
    [InlineData("a*a*a.t", "aaaa", "t", true)]
    [InlineData("a*a*a.t", "aab", "t", false)]
    public void IsMatch_SchemaAndTable_MatchesWildcardsPerPart(string pattern, string schema, string table, bool expected)
    {
        Assert.True(ObjectPattern.TryParse(pattern, out var parsed, out var error), error);

        Assert.Equal(expected, parsed!.IsMatch(schema, table));
    }

    [Theory]
    [InlineData("Billing.*", "billing", "invoices", true)]             // unquoted: folded as PostgreSQL folds
    [InlineData("Billing.*", "Billing", "invoices", false)]
    [InlineData("BILLING.Invoices", "billing", "invoices", true)]
    [InlineData("\"Billing\".*", "Billing", "invoices", true)]          // quoted: exact
    [InlineData("\"Billing\".*", "billing", "invoices", false)]
    [InlineData("public.\"Orders\"", "public", "Orders", true)]
    [InlineData("public.\"Orders\"", "public", "orders", false)]
    [InlineData("\"a.b\".\"x*y\"", "a.b", "x*y", true)]               // dots and stars inside quotes are literal
    [InlineData("\"a.b\".\"x*y\"", "a.b", "xzy", false)]
    [InlineData("\"say \"\"hi\"\"\".t", "say \"hi\"", "t", true)]     // "" is one quote
    [InlineData("ÉCOLE.*", "École", "t", true)]                         // only ASCII letters fold
    [InlineData("ÉCOLE.*", "école", "t", false)]
    public void IsMatch_QuotedAndUnquotedParts_FoldLikePostgres(string pattern, string schema, string table, bool expected)
    {
        Assert.True(ObjectPattern.TryParse(pattern, out var parsed, out var error), error);

        Assert.Equal(expected, parsed!.IsMatch(schema, table));
        Assert.Equal(pattern, parsed.Text);
    }

    [Theory]
    [InlineData("billing")]
    [InlineData("*")]
    [InlineData("a.b.c")]
    [InlineData("a.")]
    [InlineData("a b.c")]
    [InlineData("\"A.b")]
    [InlineData("\"\".b")]
    [InlineData("\"A\"x.b")]
    [InlineData("a.\"b\".c")]
    public void TryParse_NotSchemaDotTable_FailsWithMessage(string pattern)
    {
        Assert.False(ObjectPattern.TryParse(pattern, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.StartsWith($"invalid match pattern '{pattern}'", error, StringComparison.Ordinal);
    }
}
