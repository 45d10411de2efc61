namespace Warden.Sql.Tests.Relations;

public sealed class RelationNameTests
{
    [Theory]
    [InlineData(null, "t", null, "t")]
    [InlineData("public", "orders", null, "public.orders")]
    [InlineData("Billing", "Invoices", null, "\"Billing\".\"Invoices\"")]
    [InlineData("s", "a\"b", null, "s.\"a\"\"b\"")]
    [InlineData("s", "select", null, "s.\"select\"")]
    [InlineData("s", "values", null, "s.\"values\"")]
    [InlineData("s", "name", null, "s.name")]
    [InlineData("s", "1t", null, "s.\"1t\"")]
    [InlineData("s", "t$1", null, "s.t$1")]
    [InlineData("s", "my table", "db", "db.s.\"my table\"")]
    public void ToString_QuotesPartsThatNeedIt(string? schema, string name, string? database, string expected)
    {
        Assert.Equal(expected, new RelationName(schema, name) { Database = database }.ToString());
    }

    [Fact]
    public void Equals_ComparesAllPartsOrdinally()
    {
        Assert.Equal(new RelationName("s", "t"), new RelationName("s", "t"));
        Assert.NotEqual(new RelationName("s", "t"), new RelationName("S", "t"));
        Assert.NotEqual(new RelationName(null, "t"), new RelationName("public", "t"));
        Assert.NotEqual(new RelationName("s", "t"), new RelationName("s", "t") { Database = "d" });
    }
}
