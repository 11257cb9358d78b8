using EdTech.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
FunctionsComposition.Configure(builder);
builder.Build().Run();
