using Warden.Edge.Diagnostics;
using Warden.Edge.Hosting;

// A standalone edge: an Orleans client that finds the silos through the control database.
SocketTuning.PreferInlineCompletions();
var development = args.Contains("--dev");
// Content root is the program's folder, so appsettings.json is found from any working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [.. args.Where(a => a != "--dev")], ContentRootPath = AppContext.BaseDirectory });
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
builder.Services.AddWardenTelemetry("warden-edge");
await builder.Build().RunAsync();
