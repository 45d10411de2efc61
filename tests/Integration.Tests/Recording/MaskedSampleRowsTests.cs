using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using Warden.Integration.Tests.Fixtures;
using Warden.Replay;

namespace Warden.Integration.Tests.Recording;

/// <summary>
/// <c>recording.results: masked</c> through the real edge: psql (simple protocol) and Npgsql (extended; binary and
/// text results; prepared and unprepared) read masked columns, a view over them, computed and whole-row values and
/// free text; the recording holds the first rows masked as configured, and the raw values nowhere.
/// </summary>
[Collection(MaskedSamplesClusterCollection.Name)]
public sealed class MaskedSampleRowsTests(MaskedSamplesCluster cluster)
{
    private const string CustomersSql = "SELECT id, name, email, ssn, card_number, notes FROM customers WHERE id <= 5 ORDER BY id";

    private readonly RecordedSessions _sessions = new(cluster.Silo.Api);

    private static string Partial(string email) => email[0] + "***" + email[email.IndexOf('@', StringComparison.Ordinal)..];

    private static string Hash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(MaskedSamplesCluster.HashKey, Encoding.UTF8.GetBytes(value)))[..16];

    /// <summary>The result event that follows the statement whose SQL starts with <paramref name="sql"/>.</summary>
    private static JsonElement ResultOf(List<JsonElement> events, string sql)
    {
        var statement = events.FindIndex(e => RecordedSessions.Type(e) == "statement" && e.GetProperty("sql").GetString()!.StartsWith(sql, StringComparison.Ordinal));
        Assert.True(statement >= 0, $"statement {sql} is recorded");
        return events.Skip(statement + 1).First(e => RecordedSessions.Type(e) == "result");
    }

    private static List<JsonElement> ResultsOf(List<JsonElement> events, string sql)
    {
        var results = new List<JsonElement>();
        for (var i = 0; i < events.Count; i++)
        {
            if (RecordedSessions.Type(events[i]) == "statement" && events[i].GetProperty("sql").GetString()!.StartsWith(sql, StringComparison.Ordinal))
            {
                results.Add(events.Skip(i + 1).First(e => RecordedSessions.Type(e) == "result"));
            }
        }
        return results;
    }

    private static string?[][] Sample(JsonElement result) =>
        [.. result.GetProperty("sampleRows").EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()).ToArray())];

    private static bool HasColumns(JsonElement e, params string[] names) =>
        RecordedSessions.Type(e) == "result" && e.TryGetProperty("columns", out _) && Columns(e).SequenceEqual(names);

    private static string[] Columns(JsonElement result) => [.. result.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];

    /// <summary>The customers query's sample: 3 of 5 rows, each column masked as the policy says, detectors in the notes.</summary>
    private async Task AssertCustomersSampleAsync(JsonElement result)
    {
        Assert.Equal(5, result.GetProperty("rows").GetInt64());
        Assert.Equal(["id", "name", "email", "ssn", "card_number", "notes"], Columns(result));
        var rows = Sample(result);
        Assert.Equal(MaskedSamplesCluster.SampleRows, rows.Length);
        var customers = await cluster.CustomersAsync(3);
        for (var i = 0; i < rows.Length; i++)
        {
            var (id, name, email, _, card) = customers[i];
            Assert.Equal((IEnumerable<string?>)[id.ToString(System.Globalization.CultureInfo.InvariantCulture), name, Partial(email), "****", Hash(card)], rows[i][..5]);
        }
        Assert.Equal(["reach me at [email] please", "ssn on file: [ssn]", "card [credit_card] exp 12/27"], rows.Select(r => r[5]));
    }

    /// <summary>No raw sensitive value of the customers read, nor the secrets in their notes, is in the stored bytes.</summary>
    private async Task AssertNoRawValuesAsync(Guid session)
    {
        var directory = Path.Combine(cluster.Silo.RecordingDirectory, session.ToString());
        var bytes = string.Concat(await Task.WhenAll(Directory.GetFiles(directory).Select(f => File.ReadAllTextAsync(f))));
        foreach (var (_, _, email, ssn, card) in await cluster.CustomersAsync(5))
        {
            Assert.DoesNotContain(email, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(ssn, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(card, bytes, StringComparison.Ordinal);
        }
        var archived = MaskedSamplesCluster.Archived;
        foreach (var secret in MaskedSamplesCluster.NoteSecrets.Concat(["4111111111111111", archived.Email, archived.Ssn, archived.Card]))
        {
            Assert.DoesNotContain(secret, bytes, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(Convert.ToBase64String(MaskedSamplesCluster.HashKey), bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Psql_SimpleProtocol_ColumnsViewsComputedAndWholeRowsMasked()
    {
        var subject = "samples-psql-" + Guid.NewGuid().ToString("N")[..8];
        var token = await cluster.TokenAsync(subject, "ci");
        var run = await Psql.RunAsync(cluster.Silo.EdgePort, token, "disable",
            "-c", CustomersSql,
            "-c", "SELECT * FROM customer_contacts WHERE id <= 2 ORDER BY id",
            "-c", "SELECT email FROM customer_contacts_again LIMIT 1",
            "-c", "SELECT lower(email) AS lowered, length(email) AS n FROM customers WHERE id = 1",
            "-c", "SELECT c FROM customers c WHERE id = 1",
            "-c", "SELECT * FROM customer_docs WHERE id = 1",
            "-c", "SELECT * FROM customer_names WHERE id = 1",
            "-c", "SELECT count(*) FROM customers",
            "-c", "SELECT email, ssn, card_number FROM customers_archive");
        Assert.True(run.ExitCode == 0, run.Error);

        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        RecordedSessions.AssertCompleteAndSealed(events);
        await AssertCustomersSampleAsync(ResultOf(events, CustomersSql));

        var first = (await cluster.CustomersAsync(1))[0];
        // Every column of a view over a masked column takes the strictest method it depends on (here partial).
        var contacts = Sample(ResultOf(events, "SELECT * FROM customer_contacts "));
        Assert.Equal(2, contacts.Length);
        Assert.Equal((IEnumerable<string?>)["****", "****" + first.Name[^4..], Partial(first.Email)], contacts[0]);
        // A view over that view: masked too (followed transitively).
        Assert.Matches(@"^[a-z]\*\*\*@example\.(com|org|net)$", Sample(ResultOf(events, "SELECT email FROM customer_contacts_again"))[0][0]);
        Assert.Equal([["****", first.Email.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)]], Sample(ResultOf(events, "SELECT lower(email)")));
        Assert.Equal([["****"]], Sample(ResultOf(events, "SELECT c FROM customers c")));
        Assert.Equal([["1", "****"]], Sample(ResultOf(events, "SELECT * FROM customer_docs")));
        // A view that reads no masked column, and no whole row, is not masked.
        Assert.Equal([["1", first.Name]], Sample(ResultOf(events, "SELECT * FROM customer_names")));
        Assert.Equal([["1001"]], Sample(ResultOf(events, "SELECT count(*)")));
        // An inheritance child has its own OID and column numbers: its columns are masked as the parent's.
        var archived = MaskedSamplesCluster.Archived;
        Assert.Equal((IEnumerable<string?>)[Partial(archived.Email), "****", Hash(archived.Card)], Sample(ResultOf(events, "SELECT email, ssn, card_number FROM customers_archive"))[0]);

        await AssertNoRawValuesAsync(id);
    }

    public static TheoryData<string> NpgsqlModes => ["binary", "text", "prepared", "prepared-text"];

    [Theory]
    [MemberData(nameof(NpgsqlModes))]
    public async Task Npgsql_ExtendedProtocol_SampleRowsMaskedInEveryMode(string mode)
    {
        var subject = $"samples-{mode}-" + Guid.NewGuid().ToString("N")[..8];
        var sql = $"{CustomersSql.Replace("id <= 5", "id <= $1", StringComparison.Ordinal)} -- {mode}";
        var executions = mode.StartsWith("prepared", StringComparison.Ordinal) ? 2 : 1;
        await using (var connection = await cluster.OpenAsync(subject))
        {
            await using var command = new NpgsqlCommand(sql, connection) { AllResultTypesAreUnknown = mode.EndsWith("text", StringComparison.Ordinal) };
            command.Parameters.AddWithValue(5);
            if (executions == 2)
            {
                await command.PrepareAsync();
            }
            for (var i = 0; i < executions; i++)
            {
                var read = 0;
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    read++;
                }
                Assert.Equal(5, read);
            }
            await using var view = new NpgsqlCommand("SELECT * FROM customer_contacts WHERE id = $1", connection);
            view.Parameters.AddWithValue(1);
            if (executions == 2)
            {
                await view.PrepareAsync();
            }
            await (await view.ExecuteReaderAsync()).DisposeAsync();
        }

        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        RecordedSessions.AssertCompleteAndSealed(events);
        // Prepared: one Parse (one statement event), then executions without Describe; the results follow it.
        var results = events.Where(e => HasColumns(e, "id", "name", "email", "ssn", "card_number", "notes")).ToList();
        Assert.Equal(executions, results.Count);
        foreach (var result in results)
        {
            await AssertCustomersSampleAsync(result);
        }
        var first = (await cluster.CustomersAsync(1))[0];
        var contacts = Assert.Single(events, e => HasColumns(e, "id", "name", "email"));
        Assert.Equal([["****", "****" + first.Name[^4..], Partial(first.Email)]], Sample(contacts));
        await AssertNoRawValuesAsync(id);
    }

    [Fact]
    public async Task ExemptCaller_RecordingStillMasked_ViewCreatedInTheSessionRedacted()
    {
        // dba is in masking.exemptGroups: it is the caller who is exempt, not whoever reads the recording.
        var subject = "samples-dba-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await cluster.OpenAsync(subject, "dba"))
        {
            foreach (var sql in new[]
            {
                "SELECT email FROM customers WHERE id = 1",
                "CREATE TEMP VIEW fresh AS SELECT id, email AS contact FROM customers",
                "SELECT id, contact FROM fresh WHERE id = 1",
            })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await (await command.ExecuteReaderAsync()).DisposeAsync();
            }
        }
        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        var first = (await cluster.CustomersAsync(1))[0];
        Assert.Equal([[Partial(first.Email)]], Sample(ResultOf(events, "SELECT email FROM customers")));
        // The view is newer than the catalog snapshot the session was planned with: nothing is known of what its
        // columns hold, so text is redacted (plain scalars are kept).
        Assert.Equal([["1", "****"]], Sample(ResultOf(events, "SELECT id, contact FROM fresh")));
        await AssertNoRawValuesAsync(id);
    }

    [Fact]
    public async Task Npgsql_CopyErrorsBatchesAndCursors_SamplingStaysPaired()
    {
        var subject = "samples-flows-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await cluster.OpenAsync(subject, "dba"))
        {
            await Execute(connection, "CREATE TEMP TABLE scratch (x int)");
            await using (var import = await connection.BeginBinaryImportAsync("COPY scratch (x) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var x in new[] { 1, 2, 3 })
                {
                    await import.WriteRowAsync(CancellationToken.None, x);
                }
                await import.CompleteAsync();
            }
            using (var export = await connection.BeginTextExportAsync("COPY scratch TO STDOUT"))
            {
                Assert.Equal("1\n2\n3\n", await export.ReadToEndAsync());
            }
            await using (var batch = new NpgsqlBatch(connection)
            {
                BatchCommands = { new("SELECT email FROM customers WHERE id = 1"), new("SELECT 1/0"), new("SELECT email FROM customers WHERE id = 2") },
            })
            {
                await Assert.ThrowsAsync<PostgresException>(() => batch.ExecuteNonQueryAsync());
            }
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await Execute(connection, "DECLARE cur CURSOR FOR SELECT email FROM customers ORDER BY id");
                await Execute(connection, "FETCH 2 FROM cur");
                await Execute(connection, "CLOSE cur");
                await transaction.CommitAsync();
            }
            await Execute(connection, "SELECT email AS last_one FROM customers WHERE id = 1");
        }
        var id = await _sessions.WaitForAsync(subject);
        var events = await _sessions.EventsAsync(id);
        var customers = await cluster.CustomersAsync(2);
        Assert.Equal([[Partial(customers[0].Email)], [Partial(customers[1].Email)]], Sample(ResultOf(events, "FETCH 2 FROM cur")));
        Assert.Equal([[Partial(customers[0].Email)]], Sample(ResultOf(events, "SELECT email AS last_one")));
        await AssertNoRawValuesAsync(id);

        static async Task Execute(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await (await command.ExecuteReaderAsync()).DisposeAsync();
        }
    }

    [Fact]
    public async Task Replay_PrintsTheMaskedRows()
    {
        var subject = "samples-replay-" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = await cluster.OpenAsync(subject))
        {
            await using var command = new NpgsqlCommand(CustomersSql, connection);
            await (await command.ExecuteReaderAsync()).DisposeAsync();
        }
        var id = await _sessions.WaitForAsync(subject);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ReplayCommand.RunAsync([Path.Combine(cluster.Silo.RecordingDirectory, id.ToString())], output, error, CancellationToken.None);
        Assert.True(exit == 0, error.ToString());
        var timeline = output.ToString();
        var first = (await cluster.CustomersAsync(1))[0];
        Assert.Contains("| id | name", timeline, StringComparison.Ordinal);
        Assert.Contains($"| 1  | {first.Name}", timeline, StringComparison.Ordinal);
        Assert.Contains(Partial(first.Email), timeline, StringComparison.Ordinal);
        Assert.Contains("reach me at [email] please", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Email, timeline, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Ssn, timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsNone_ResultsRecordedWithoutSampleFields()
    {
        var none = cluster.PolicyYaml.Replace("results: masked", "results: none", StringComparison.Ordinal);
        Assert.NotEqual(cluster.PolicyYaml, none);
        var version = await PutPolicyAsync(none);
        try
        {
            List<JsonElement>? events = null;
            Guid id = default;
            // The silo installs the new version within about a second; a session opened before that is retried.
            await Eventually.TrueAsync(async () =>
            {
                var subject = "samples-none-" + Guid.NewGuid().ToString("N")[..8];
                await using (var connection = await cluster.OpenAsync(subject))
                {
                    await using var command = new NpgsqlCommand(CustomersSql, connection);
                    await (await command.ExecuteReaderAsync()).DisposeAsync();
                }
                id = await _sessions.WaitForAsync(subject);
                events = await _sessions.EventsAsync(id);
                return events[0].GetProperty("policyVersion").GetInt64() >= version;
            }, "a session opens under the policy with results: none");

            var result = ResultOf(events!, CustomersSql);
            Assert.Equal("SELECT 5", result.GetProperty("commandTag").GetString());
            foreach (var e in events!.Where(e => RecordedSessions.Type(e) == "result"))
            {
                Assert.False(e.TryGetProperty("columns", out _), e.ToString());
                Assert.False(e.TryGetProperty("sampleRows", out _), e.ToString());
            }
            await AssertNoRawValuesAsync(id);
        }
        finally
        {
            await PutPolicyAsync(cluster.PolicyYaml);
        }
    }

    private async Task<long> PutPolicyAsync(string yaml)
    {
        var response = await cluster.Silo.Api.PutAsync("/api/policy", new StringContent(yaml));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt64();
    }
}
