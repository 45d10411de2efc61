using Warden.Policy.Demo;
using Warden.Silo.Demo;
using Warden.Silo.DevIssuer;
using Warden.Silo.LocalPostgres;

namespace Warden.Silo.Hosting;

/// <summary>
/// The --demo world: a throwaway PostgreSQL holding the demo target and the control database, the demo
/// policy holding its generated passwords, and a ready psql command. Disposing it stops the server and
/// deletes its files.
/// </summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    private readonly ThrowawayPostgres _server;
    private readonly DemoSeedResult _seed;

    private DemoEnvironment(ThrowawayPostgres server, DemoSeedResult seed, string policyYaml)
    {
        _server = server;
        _seed = seed;
        PolicyYaml = policyYaml;
    }

    public string PolicyYaml { get; }

    public static async Task<DemoEnvironment> StartAsync()
    {
        Console.WriteLine("warden demo: starting a throwaway PostgreSQL...");
        var server = await ThrowawayPostgres.StartAsync();
        try
        {
            var seed = await DemoDatabase.SeedAsync(server);
            var policy = DemoPolicy.Create(seed.Host, seed.Port, seed.Reader.Password, seed.Writer.Password);
            return new DemoEnvironment(server, seed, policy);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Points the silo at the throwaway control database.</summary>
    public void Configure(IConfigurationManager configuration) =>
        configuration.AddInMemoryCollection([new(WardenSiloExtensions.ControlDatabaseKey, _server.ConnectionString(_seed.ControlDatabase))]);

    public void PrintWelcome(IServiceProvider services)
    {
        var issuer = services.GetRequiredService<DevTokenIssuer>();
        var edge = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Warden.Edge.Hosting.EdgeOptions>>().Value;
        var api = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiloOptions>>().Value;
        var token = issuer.Mint("alice", ["agents"], TimeSpan.FromHours(1));
        Console.WriteLine($"""

            Warden demo is ready: {_seed.CustomerCount} fake customers in database "demo".
            Connect as alice (group agents: read/write, DDL needs approval), token valid for 1 hour:

              PGPASSWORD='{token}' psql "host={edge.ListenAddress} port={edge.Port} dbname=demo user=alice sslmode=require"

            Other identities: curl -s -X POST http://{api.ApiListenAddress}:{api.ApiPort}/dev/token -H 'content-type: application/json' -d '{"{"}"sub":"ci-bot","groups":["ci"]{"}"}'
            Ctrl-C stops Warden and deletes the throwaway database.
            """);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
