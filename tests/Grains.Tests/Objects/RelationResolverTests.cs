using System.Collections.Immutable;
using Warden.Grains.Interfaces.Objects;
using Warden.Grains.Objects;
using Warden.Policy.Access;
using Warden.Sql;

namespace Warden.Grains.Tests.Objects;

public sealed class RelationResolverTests
{
    private static readonly CatalogSnapshot Catalog = new(1, true, ["public", "billing", "scratch", "pg_catalog", "agent"],
    [
        Table("public", "orders"),
        Table("billing", "invoices"),
        Table("billing", "orders"),
        Table("pg_catalog", "pg_class"),
        Table("agent", "notes"),
        new CatalogRelation("public", "invoice_view", 'v', [new CatalogRelationRef("billing", "invoices")]),
        new CatalogRelation("public", "nested_view", 'v', [new CatalogRelationRef("public", "invoice_view"), new CatalogRelationRef("public", "orders")]),
    ]);

    private static readonly SearchPaths Default = SearchPaths.Startup(["$user", "public"]);

    [Fact]
    public void Candidates_Qualified_IsItself()
    {
        Assert.Equal([Q("billing", "invoices")], Resolve(new RelationName("billing", "invoices"), Default));
    }

    [Fact]
    public void Candidates_Unqualified_PgTempPgCatalogThenPathUpToFirstMatch()
    {
        Assert.Equal(
            [Q("pg_temp", "orders"), Q("pg_catalog", "orders"), Q("agent", "orders"), Q("public", "orders")],
            Resolve(new RelationName(null, "orders"), Default));
    }

    [Fact]
    public void Candidates_UserSchema_IsTheUpstreamLogin()
    {
        Assert.Equal([Q("pg_temp", "notes"), Q("pg_catalog", "notes"), Q("agent", "notes")], Resolve(new RelationName(null, "notes"), Default));
    }

    [Fact]
    public void Candidates_CatalogTable_StopsAtPgCatalog()
    {
        Assert.Equal([Q("pg_temp", "pg_class"), Q("pg_catalog", "pg_class")], Resolve(new RelationName(null, "pg_class"), Default));
    }

    [Fact]
    public void Candidates_PathListsPgCatalogLater_SearchedThere()
    {
        var paths = SearchPaths.Startup(["billing", "pg_catalog"]);

        Assert.Equal([Q("pg_temp", "orders"), Q("billing", "orders")], Resolve(new RelationName(null, "orders"), paths));
    }

    [Fact]
    public void Candidates_NameNowhere_EveryPathSchemaIncludingUnknownOnes()
    {
        var paths = SearchPaths.Startup(["nosuch", "public", "billing"]);

        Assert.Equal(
            [Q("pg_temp", "fresh"), Q("pg_catalog", "fresh"), Q("nosuch", "fresh"), Q("public", "fresh"), Q("billing", "fresh")],
            Resolve(new RelationName(null, "fresh"), paths));
    }

    [Fact]
    public void Candidates_SeveralPossiblePaths_Union()
    {
        var paths = Default.With(new SearchPathChange(["billing"], IsLocal: false));

        var candidates = Resolve(new RelationName(null, "invoices"), paths);

        Assert.Contains(Q("billing", "invoices"), candidates);
        Assert.Contains(Q("public", "invoices"), candidates);
        Assert.False(paths.IsStartupOnly);
    }

    [Fact]
    public void Candidates_ResetReturnsToStartupPath()
    {
        var paths = Default.With(new SearchPathChange(null, IsLocal: false));

        Assert.True(paths.IsStartupOnly);
    }

    [Fact]
    public void Candidates_UnknownChange_AnySchemaOfTheCatalog()
    {
        var paths = Default.With(new SearchPathChange(null, IsLocal: false) { Unknown = true });

        var candidates = Resolve(new RelationName(null, "x"), paths);

        Assert.Equal(["pg_temp", "public", "billing", "scratch", "pg_catalog", "agent"], candidates.Select(c => c.Schema));
    }

    [Fact]
    public void Candidates_AnySchemaWithoutCatalog_NothingKnown()
    {
        Assert.Empty(RelationResolver.Candidates(new RelationName(null, "x"), SearchPaths.Unknown, CatalogSnapshot.NotLoaded, "agent"));
    }

    [Fact]
    public void Candidates_CatalogNotLoaded_EveryPathSchema()
    {
        var candidates = RelationResolver.Candidates(new RelationName(null, "orders"), Default, CatalogSnapshot.NotLoaded, "agent");

        Assert.Equal([Q("pg_temp", "orders"), Q("pg_catalog", "orders"), Q("agent", "orders"), Q("public", "orders")], candidates);
    }

    [Fact]
    public void Resolve_WriteThroughView_AddsTheRelationsBehindIt()
    {
        var uses = RelationResolver.Resolve(
            [new RelationAccess(new RelationName("public", "nested_view"), StatementClasses.Write)], Default, Catalog, "agent");

        Assert.Equal(
            ["public.nested_view", "public.invoice_view (through view public.nested_view)", "billing.invoices (through view public.invoice_view)", "public.orders (through view public.nested_view)"],
            uses.Select(u => u.Relation));
        Assert.All(uses, u => Assert.Equal(StatementClasses.Write, u.Classes));
    }

    [Fact]
    public void Resolve_DropView_DoesNotCarryDdlToBaseTables()
    {
        var uses = RelationResolver.Resolve(
            [new RelationAccess(new RelationName("public", "invoice_view"), StatementClasses.Ddl | StatementClasses.Destructive)], Default, Catalog, "agent");

        Assert.Single(uses);
    }

    [Theory]
    [InlineData("\"$user\", public", new[] { "$user", "public" })]
    [InlineData("public", new[] { "public" })]
    [InlineData("  Billing ,\"Mixed Case\" , \"a\"\"b\"", new[] { "billing", "Mixed Case", "a\"b" })]
    [InlineData("", new string[0])]
    public void SearchPathText_Parse_FoldsUnquotedKeepsQuoted(string text, string[] expected)
    {
        Assert.Equal(expected, SearchPathText.Parse(text)!.Value.ToArray());
    }

    [Theory]
    [InlineData("a,,b")]
    [InlineData("\"unterminated")]
    [InlineData("a b")]
    public void SearchPathText_Parse_InvalidIsNull(string text)
    {
        Assert.Null(SearchPathText.Parse(text));
    }

    private static IReadOnlyList<QualifiedRelation> Resolve(RelationName name, SearchPaths paths) =>
        RelationResolver.Candidates(name, paths, Catalog, "agent");

    private static QualifiedRelation Q(string schema, string name) => new(schema, name);

    private static CatalogRelation Table(string schema, string name) => new(schema, name, 'r', []);
}
