using EdTech.Bff.Apis;
using EdTech.Bff.Composition;
using EdTech.LocalHost;

// dotnet run --project functions/EdTech.LocalHost -- --urls http://127.0.0.1:7071 --data DIR
// No configuration reload: its file watcher covers the content root recursively, so with the data folder inside it
// every store write raised an inotify event (4-6 % of the host's CPU at 500 submissions/s). Settings are read at start.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:7071");
// Per-request framework logs are noise at exam peaks; our own structured logs stay at Information.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
// Each route enforces its own body limit (413 problem+json); Kestrel's only has to stay above the largest of them.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = EdTech.Bff.Http.BoundedBody.ServerLimit);
builder.Services.AddEdTech(builder.Configuration);
builder.Services.AddLocalHostRuntime(EdTechOptions.From(builder.Configuration), builder.Configuration);
LocalHostTelemetry.AddTo(builder);

var app = builder.Build();
LocalHostTelemetry.MapPrometheus(app);
app.UseRouting();
app.UseEdTechRequestPipeline();
app.MapEdTechApi();
app.Run();

/// <summary>Entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
