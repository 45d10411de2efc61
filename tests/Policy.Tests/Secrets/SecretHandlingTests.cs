using Warden.Policy.Loading;
using Warden.Policy.Secrets;
using static Warden.Policy.Tests.TestPolicies;

namespace Warden.Policy.Tests.Secrets;

/// <summary>Secret references resolve at load, failures name the reference, and values never show anywhere.</summary>
public sealed class SecretHandlingTests
{
    private const string ReaderSecret = "rd-S3cret-value";
    private const string WriterSecret = "wr-S3cret-value";

    [Fact]
    public void Load_EnvironmentVariableMissing_ErrorNamesTheReference()
    {
        var name = $"WARDEN_TEST_MISSING_{Guid.NewGuid():N}";
        var yaml = Minimal.Replace("literal-pw", $"\"${{env:{name}}}\"", StringComparison.Ordinal);

        var error = Assert.Single(LoadErrors(yaml, new DefaultSecretResolver()));

        Assert.Equal($"cannot resolve secret ${{env:{name}}}: the environment variable is not set", error.Message);
        Assert.Equal(LineOf(yaml, "${env:"), error.Line);
        Assert.Equal("targets.db.roles.reader.password", error.Path);
    }

    [Fact]
    public void Load_EnvironmentVariableSet_ResolvesRealValue()
    {
        var name = $"WARDEN_TEST_SET_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var yaml = Minimal.Replace("literal-pw", $"\"${{env:{name}}}\"", StringComparison.Ordinal);

            var policy = LoadValid(yaml, new DefaultSecretResolver());

            Assert.Equal("from-env", policy.Targets[0].Roles[0].Password.Reveal());
            Assert.Equal($"${{env:{name}}}", policy.Targets[0].Roles[0].Password.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Load_SecretFileMissing_ErrorNamesTheReference()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "absent");
        var yaml = Minimal.Replace("literal-pw", $"\"${{file:{path}}}\"", StringComparison.Ordinal);

        var error = Assert.Single(LoadErrors(yaml, new DefaultSecretResolver()));

        Assert.Equal($"cannot resolve secret ${{file:{path}}}: the file does not exist", error.Message);
    }

    [Fact]
    public void Load_SecretFileIsAFolder_ReportsUnreadable()
    {
        using var folder = new TempDirectory();
        var yaml = Minimal.Replace("literal-pw", $"\"${{file:{folder.Path}}}\"", StringComparison.Ordinal);

        var error = Assert.Single(LoadErrors(yaml, new DefaultSecretResolver()));

        Assert.StartsWith($"cannot resolve secret ${{file:{folder.Path}}}: the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecretFileEmpty_IsAnError()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("empty", "\n");
        var yaml = Minimal.Replace("literal-pw", $"\"${{file:{path}}}\"", StringComparison.Ordinal);

        var error = Assert.Single(LoadErrors(yaml, new DefaultSecretResolver()));

        Assert.EndsWith(": the file is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("${env:UNCLOSED-my-real-pw")]
    [InlineData("${vault:my-real-pw}")]
    [InlineData("${my-real-pw}")]
    [InlineData("${env:}")]
    public void Load_MalformedReference_ReportsWithoutQuotingIt(string password)
    {
        var yaml = Minimal.Replace("literal-pw", $"\"{password}\"", StringComparison.Ordinal);

        var error = Assert.Single(LoadErrors(yaml));

        Assert.StartsWith("malformed secret reference", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("my-real-pw", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("UNCLOSED", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DoubledDollar_IsALiteralStartingWithReferenceSyntax()
    {
        var yaml = Minimal
            .Replace("literal-pw", "\"$${env:NOT_A_REFERENCE}\"", StringComparison.Ordinal)
            .Replace("user: app_reader", "user: \"$${odd_user}\"", StringComparison.Ordinal);
        var secrets = new FakeSecrets();

        var role = LoadValid(yaml, secrets).Targets[0].Roles[0];

        Assert.Empty(secrets.Requested);
        Assert.Equal("${env:NOT_A_REFERENCE}", role.Password.Reveal());
        Assert.Null(role.Password.Reference);
        Assert.Equal("***", role.Password.ToString());
        Assert.Equal("${odd_user}", role.User.Reveal());
        Assert.Equal("$${odd_user}", role.User.Redacted);
    }

    [Fact]
    public void Load_PasswordOfWrongType_ReportsWithoutQuotingIt()
    {
        var yaml = Minimal.Replace("password: literal-pw", "password: [literal-pw]", StringComparison.Ordinal);

        var error = Assert.Single(LoadErrors(yaml));

        Assert.Equal("expected a single value, found a list", error.Message);
        Assert.DoesNotContain("literal-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PolicyWithErrorsAndResolvedSecrets_NoErrorContainsAValue()
    {
        var yaml = Policy() + "recording:\n  durability: maybe\napprovals:\n  mode: hold-on\n";

        var result = PolicyLoader.Load(yaml, secrets: Secrets());

        Assert.Equal(2, result.Errors.Length);
        AssertNoSecret(result.Describe());
        AssertNoSecret(result.ToString());
    }

    [Fact]
    public void Snapshot_ToStringOfEveryPart_ShowsNoSecretValue()
    {
        var policy = LoadValid(Policy(), Secrets());
        var target = policy.Targets[0];

        AssertNoSecret(policy.ToString());
        AssertNoSecret(target.ToString());
        foreach (var role in target.Roles)
        {
            AssertNoSecret(role.ToString());
            AssertNoSecret(role.Password.ToString());
            AssertNoSecret($"{role.User} {role.Password}");
        }
        AssertNoSecret(string.Join(",", policy.Access));
        Assert.Equal("writer (user ${env:APP_WRITER_USER})", target.FindRole("writer")!.ToString());
    }

    [Fact]
    public void ToRedactedYaml_CredentialsShowReferencesOrStars()
    {
        var policy = LoadValid(Policy(), Secrets());

        var yaml = policy.ToRedactedYaml();

        AssertNoSecret(yaml);
        Assert.DoesNotContain("literal-pw", yaml, StringComparison.Ordinal);
        Assert.Contains("${env:APP_READER_PW}", yaml, StringComparison.Ordinal);
        Assert.Contains("${file:/secrets/writer}", yaml, StringComparison.Ordinal);
        Assert.Contains("${env:APP_WRITER_USER}", yaml, StringComparison.Ordinal);
        Assert.Contains("***", yaml, StringComparison.Ordinal);
        Assert.Contains("app_reader", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretValue_Reveal_ReturnsTheResolvedValue()
    {
        var policy = LoadValid(Policy(), Secrets());
        var target = policy.Targets[0];

        Assert.Equal(ReaderSecret, target.FindRole("reader")!.Password.Reveal());
        Assert.Equal(WriterSecret, target.FindRole("writer")!.Password.Reveal());
        Assert.Equal("literal-pw", target.FindRole("literal")!.Password.Reveal());
        Assert.Null(target.FindRole("literal")!.Password.Reference);
        Assert.Equal(new SecretReference(SecretSource.File, "/secrets/writer"), target.FindRole("writer")!.Password.Reference);
    }

    private static string Policy() => """
        targets:
          db:
            host: db.internal
            database: app
            roles:
              reader: { user: app_reader, password: "${env:APP_READER_PW}" }
              writer: { user: "${env:APP_WRITER_USER}", password: "${file:/secrets/writer}" }
              literal: { user: app_literal, password: literal-pw }
        access:
          - name: readers
            groups: [ci]
            role: reader
            allow: [read]

        """;

    private static FakeSecrets Secrets() => new(
        ("${env:APP_READER_PW}", ReaderSecret),
        ("${env:APP_WRITER_USER}", "hidden_writer_user"),
        ("${file:/secrets/writer}", WriterSecret));

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(ReaderSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(WriterSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden_writer_user", text, StringComparison.Ordinal);
    }
}
