namespace Warden.Sql.Tests.Corpus;

/// <summary>
/// A fact that needs a real PostgreSQL named by WARDEN_TEST_PG. Without it the test is skipped with a
/// message, except under CI (the CI variable is set), where it runs and fails saying what is missing:
/// a CI run must never pass without having checked the corpus.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string ConnectionVariable = "WARDEN_TEST_PG";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConnectionVariable))
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"{ConnectionVariable} is not set (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=...): "
                + "the corpus check against real PostgreSQL did not run.";
        }
    }

    public static string RequireConnectionString() =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"CI is set but {ConnectionVariable} is not: the SQL corpus must be checked against a real PostgreSQL in CI. "
                + $"Set {ConnectionVariable} to an Npgsql connection string of a superuser on a disposable server.");
}
