using Warden.Edge.Hosting;
using Warden.Silo.Api;
using Warden.Silo.Hosting;

// The Warden silo: grains, REST API, and in the embedded default a co-hosted edge.
// --demo adds a throwaway PostgreSQL with a demo target; --dev adds development conveniences.
SocketTuning.PreferInlineCompletions();
var mode = SiloMode.Parse(args);
await using var demo = mode.Demo ? await DemoEnvironment.StartAsync() : null;
// Content root is the program's folder, so appsettings.json is found from any working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = mode.HostArguments, ContentRootPath = AppContext.BaseDirectory });
demo?.Configure(builder.Configuration);
builder.AddWardenSilo(mode, demo?.PolicyYaml);
var app = builder.Build();
app.MapWardenApi(mode);
await app.StartAsync();
demo?.PrintWelcome(app.Services);
await app.WaitForShutdownAsync();
