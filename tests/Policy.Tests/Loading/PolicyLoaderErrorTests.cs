using static Warden.Policy.Tests.TestPolicies;

namespace Warden.Policy.Tests.Loading;

/// <summary>Every kind of validation error, each pointing at the line it came from.</summary>
public sealed class PolicyLoaderErrorTests
{
    private static string Replace(string find, string replacement) =>
        Minimal.Replace(find, replacement, StringComparison.Ordinal);

    [Fact]
    public void Load_MisspeltKey_ReportsLineAndSuggestion()
    {
        var yaml = Replace("allow: [read]", "alow: [read]");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("unknown key 'alow'; did you mean 'allow'?", error.Message);
        Assert.Equal((LineOf(yaml, "alow"), 5), (error.Line, error.Column));
        Assert.Equal("access[0]", error.Path);
        Assert.Equal($"line {error.Line}, column 5 (access[0]): unknown key 'alow'; did you mean 'allow'?", error.ToString());
    }

    [Fact]
    public void Load_UnknownKeyFarFromAnyKnownKey_ReportsWithoutSuggestion()
    {
        var yaml = Minimal + "colour: blue\n";

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("unknown key 'colour'", error.Message);
        Assert.Equal(LineOf(yaml, "colour"), error.Line);
    }

    [Theory]
    [InlineData("host: db.internal", "hots: db.internal", "unknown key 'hots'; did you mean 'host'?")]
    [InlineData("{ user: app_reader,", "{ usr: app_reader,", "unknown key 'usr'; did you mean 'user'?")]
    [InlineData("role: reader", "roles: reader", "unknown key 'roles'; did you mean 'role'?")]
    public void Load_UnknownKeyInNestedMapping_ReportsItsLine(string find, string replacement, string expectedMessage)
    {
        var yaml = Replace(find, replacement);

        var errors = LoadErrors(yaml);

        var error = Single(errors, expectedMessage);
        Assert.Equal(LineOf(yaml, replacement), error.Line);
    }

    [Fact]
    public void Load_MissingRequiredKeys_ReportsEachAtItsMapping()
    {
        var yaml = """
            targets:
              db:
                roles:
                  reader: { password: pw }
            access:
              - groups: [ci]
                allow: [read]
            """;

        var errors = LoadErrors(yaml);

        // A missing key is reported where its mapping starts: the first key written under 'db'.
        Assert.Equal(3, Single(errors, "missing required key 'host'").Line);
        Assert.Equal(3, Single(errors, "missing required key 'database'").Line);
        Assert.Equal(4, Single(errors, "missing required key 'user'").Line);
        Assert.Equal(6, Single(errors, "missing required key 'name'").Line);
        Assert.Equal(6, Single(errors, "missing required key 'role'").Line);
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Load_MissingTargetsAndAccess_ReportsBoth()
    {
        var errors = LoadErrors("recording: { durability: strict }\n");

        Assert.Equal(["missing required key 'targets'", "missing required key 'access'"], errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.Equal(1, e.Line));
    }

    [Theory]
    [InlineData("groups: [ci]", "groups: ci", "expected a list like [a, b], found a single value")]
    [InlineData("database: app", "database: app\n    port: abc", "'abc' is not a whole number from 1 to 65535")]
    [InlineData("database: app", "database: app\n    port: 70000", "'70000' is not a whole number from 1 to 65535")]
    [InlineData("host: db.internal", "host: [a, b]", "expected a single value, found a list")]
    [InlineData("allow: [read]", "allow: [read, [write]]", "expected a single value, found a list")]
    public void Load_ValueOfWrongType_ReportsExpectedKind(string find, string replacement, string expectedMessage)
    {
        var yaml = Replace(find, replacement);

        var error = Single(LoadErrors(yaml), expectedMessage);

        Assert.Equal(LineOf(yaml, replacement.Split('\n')[^1].Trim()), error.Line);
    }

    [Fact]
    public void Load_AccessIsAMapping_ReportsExpectedList()
    {
        var yaml = Minimal[..Minimal.IndexOf("access:", StringComparison.Ordinal)] + "access:\n  name: x\n";

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal(("expected a list of rules, found a mapping", LineOf(yaml, "name: x")), (error.Message, error.Line));
    }

    [Fact]
    public void Load_RuleRoleNotDeclaredOnTarget_ReportsUnknownRole()
    {
        var yaml = Replace("role: reader", "role: raeder");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("unknown role 'raeder' on target 'db'; did you mean 'reader'?", error.Message);
        Assert.Equal(LineOf(yaml, "raeder"), error.Line);
    }

    [Fact]
    public void Load_RuleWithoutTargetsAndRoleMissingOnOneTarget_ReportsThatTarget()
    {
        var yaml = Replace("access:", """
              other:
                host: other.internal
                database: app
                roles:
                  writer: { user: w, password: pw }
            access:
            """);

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("unknown role 'reader' on target 'other'", error.Message);
    }

    [Fact]
    public void Load_RuleTargetNotDeclared_ReportsUnknownTarget()
    {
        var yaml = Replace("role: reader", "targets: [db, dbb]\n    role: reader");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("unknown target 'dbb'; did you mean 'db'?", error.Message);
        Assert.Equal(LineOf(yaml, "targets: [db"), error.Line);
    }

    [Fact]
    public void Load_EmptyTargetsListInRule_IsAnErrorNotEveryTarget()
    {
        var yaml = Replace("role: reader", "targets: []\n    role: reader");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Contains("leave 'targets' out to cover every target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateRuleNames_ReportsSecondWithFirstLine()
    {
        var yaml = Minimal + """
              - name: readers
                groups: [qa]
                role: reader
                allow: [read]
            """;

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal($"duplicate rule name 'readers' (first at line {LineOf(yaml, "- name: readers")})", error.Message);
        var secondRuleLine = yaml[..yaml.LastIndexOf("- name: readers", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Equal(secondRuleLine, error.Line);
    }

    [Fact]
    public void Load_DuplicateYamlKey_ReportsBothLines()
    {
        var yaml = Replace("database: app", "database: app\n    host: again");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal($"duplicate key 'host' (first at line {LineOf(yaml, "host:")})", error.Message);
        Assert.Equal(LineOf(yaml, "host: again"), error.Line);
    }

    [Fact]
    public void Load_TargetWithoutRoles_ReportsOnceWithoutCascadingToRules()
    {
        var yaml = Replace("      reader: { user: app_reader, password: literal-pw }\n", string.Empty);

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("missing required key 'roles'", error.Message);
    }

    [Fact]
    public void Load_EmptyTargetsMapping_Reports()
    {
        var error = Single(LoadErrors("targets: {}\naccess: []\n"), "at least one target is needed");

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Load_InvalidYamlSyntax_ReportsLine()
    {
        var yaml = Replace("groups: [ci]", "groups: [ci");

        var error = Assert.Single(LoadErrors(yaml));

        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= LineOf(yaml, "groups: [ci"), error.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Load_EmptyDocument_Reports(string yaml)
    {
        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("the policy is empty", error.Message);
    }

    [Fact]
    public void Load_RootIsAList_Reports()
    {
        var error = Assert.Single(LoadErrors("- targets\n"));

        Assert.Equal("expected a mapping of keys to values, found a list", error.Message);
    }

    [Fact]
    public void Load_TwoDocuments_Reports()
    {
        var error = Single(LoadErrors(Minimal + "---\nrecording: {}\n"), "single YAML document");

        Assert.Equal(LineOf(Minimal + "---\n", "---"), error.Line);
    }
}
