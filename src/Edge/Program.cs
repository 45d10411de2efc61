using Warden.Edge.Hosting;

// A standalone edge: an Orleans client that finds the silos through the control database.
var development = args.Contains("--dev");
var builder = WebApplication.CreateSlimBuilder(args.Where(a => a != "--dev").ToArray());
if (development)
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        [$"{EdgeOptions.SectionName}:{nameof(EdgeOptions.SelfSignedCertificate)}"] = "true",
        [$"{EdgeOptions.SectionName}:{nameof(EdgeOptions.AllowCleartextTokenOnLoopback)}"] = "true",
    });
}
builder.AddWardenClusterClient(development);
builder.Services.AddWardenEdge(builder.Configuration);
await builder.Build().RunAsync();
