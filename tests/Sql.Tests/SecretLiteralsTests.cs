namespace Warden.Sql.Tests;

/// <summary>Passwords written into SQL never reach a recording: the literal is replaced, the statement keeps its shape.</summary>
public sealed class SecretLiteralsTests
{
    [Theory]
    [InlineData("ALTER ROLE app PASSWORD 'hunter2'", "ALTER ROLE app PASSWORD '********'")]
    [InlineData("create user bob with encrypted password 'hunter2' valid until 'infinity'", "create user bob with encrypted password '********' valid until 'infinity'")]
    [InlineData("CREATE ROLE r LOGIN PASSWORD /* why */ E'hunter\\'2'", "CREATE ROLE r LOGIN PASSWORD /* why */ '********'")]
    [InlineData("ALTER USER u PASSWORD $pw$hunter2$pw$", "ALTER USER u PASSWORD '********'")]
    [InlineData("ALTER ROLE u PASSWORD 'SCRAM-SHA-256$4096:abc$def:ghi'", "ALTER ROLE u PASSWORD '********'")]
    [InlineData("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'a', password 'hunter2')", "CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'a', password '********')")]
    [InlineData("ALTER USER MAPPING FOR app SERVER s OPTIONS (SET \"password\" 'hunter2')", "ALTER USER MAPPING FOR app SERVER s OPTIONS (SET \"password\" '********')")]
    [InlineData("SELECT dblink_connect('host=db password=hunter2 user=x')", "SELECT dblink_connect('********')")]
    [InlineData("SELECT 1; ALTER ROLE a PASSWORD 'x1'; ALTER ROLE b PASSWORD 'x2'", "SELECT 1; ALTER ROLE a PASSWORD '********'; ALTER ROLE b PASSWORD '********'")]
    public void Redact_SecretLiteral_Replaced(string sql, string expected)
    {
        var redacted = SecretLiterals.Redact(sql);

        Assert.Equal(expected, redacted);
        Assert.DoesNotContain("hunter", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT email FROM customers WHERE id = 1")]
    [InlineData("ALTER ROLE app PASSWORD NULL")]
    [InlineData("SELECT password_hash FROM accounts WHERE name = 'x'")]
    [InlineData("SELECT 'no secret here', \"password\" FROM t")]
    public void Redact_NoSecretLiteral_SameInstance(string sql) => Assert.Same(sql, SecretLiterals.Redact(sql));

    [Fact]
    public void Redact_UnterminatedLiteral_StillHidden()
    {
        var redacted = SecretLiterals.Redact("ALTER ROLE app PASSWORD 'hunter2");

        Assert.DoesNotContain("hunter2", redacted, StringComparison.Ordinal);
    }
}
