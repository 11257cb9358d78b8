using EdTech.Bff.Apis;
using EdTech.Bff.Composition;
using EdTech.LocalHost;

// dotnet run --project functions/EdTech.LocalHost -- --urls http://127.0.0.1:7071 --data DIR
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:7071");
// Per-request framework logs are noise at exam peaks; our own structured logs stay at Information.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
builder.Services.AddEdTech(builder.Configuration);
builder.Services.AddLocalHostRuntime(EdTechOptions.From(builder.Configuration), builder.Configuration);

var app = builder.Build();
app.UseRouting();
app.UseEdTechRequestPipeline();
app.MapEdTechApi();
app.Run();

/// <summary>Entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
