using EdTech.Bff.Security;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Bff.Tests.Security.Matrix;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Security;

/// <summary>The permission matrix: <see cref="AccessTable"/> endpoints, expected statuses from Security/Permissions.md; and the table ⇔ mapped endpoints check.</summary>
public sealed class PermissionMatrixTests(MatrixWorld world) : IClassFixture<MatrixWorld>
{
    public static IEnumerable<object[]> Cases => MatrixCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_CalledByRole_InSituation_AnswersTheStatusTheContractStates(string endpoint, string caller, string situation, int expected)
    {
        var row = AccessTable.Rows.Single(r => r.Endpoint == endpoint);
        var sample = MatrixSamples.Find(row);
        var body = sample?.Body is { } make ? await make(world) : null;
        var rawJson = body is null && row.Method != "GET" ? "{}" : null;

        using var request = ApiClient.Request(new HttpMethod(row.Method), world.PathFor(row), world.TokenFor(caller, Enum.Parse<Situation>(situation)), body, rawJson);
        foreach (var (name, value) in sample?.Headers is { } headers ? await headers(world) : new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await world.Client.SendAsync(request);
        var status = response.StatusCode;
        var json = await response.Content.ReadAsStringAsync();

        Assert.True((int)status == expected, $"{endpoint} as {caller} ({situation}): expected {expected}, got {(int)status} {json}");
    }

    [Fact]
    public void EveryMappedEndpoint_HasATableRow()
    {
        var missing = MappedEndpoints().Where(e => AccessTable.Find(e.Method, e.Pattern) is null).ToList();
        Assert.True(missing.Count == 0, "No AccessTable row for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryTableRow_IsMapped()
    {
        var mapped = MappedEndpoints().Select(e => $"{e.Method} {e.Pattern}").ToHashSet(StringComparer.Ordinal);
        var unmapped = AccessTable.Rows.Where(r => !mapped.Contains(r.Endpoint)).Select(r => r.Endpoint).ToList();
        Assert.True(unmapped.Count == 0, "AccessTable rows with no endpoint: " + string.Join(", ", unmapped));
    }

    [Fact]
    public void EveryMappedEndpoint_CarriesItsRowAsMetadata()
    {
        var endpoints = world.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        Assert.All(endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<AccessRule>()));
    }

    [Fact]
    public void EveryTableRow_HasASampleRequest_SoItsAllowedAndOutOfScopeCasesAreGenerated()
    {
        var missing = AccessTable.Rows.Where(r => MatrixSamples.Find(r) is null).Select(r => r.Endpoint).ToList();
        Assert.True(missing.Count == 0, "Add a MatrixSamples entry for: " + string.Join(", ", missing));
    }

    private IEnumerable<(string Method, string Pattern)> MappedEndpoints() =>
        from endpoint in world.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        from method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]
        select (method, endpoint.RoutePattern.RawText ?? "");
}
