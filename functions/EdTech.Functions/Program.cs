using EdTech.Bff.Composition;
using EdTech.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddEdTech(builder.Configuration);
RolePipelines.AddTo(builder.Services);
builder.Build().Run();
