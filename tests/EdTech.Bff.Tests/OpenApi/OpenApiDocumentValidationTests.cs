using System.Text.RegularExpressions;
using EdTech.Bff.Tests.Infrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace EdTech.Bff.Tests.OpenApi;

/// <summary>
/// Each role's document read back with Microsoft.OpenApi's reader and validator (zero errors, zero warnings), plus the
/// checks a linter with recommended rules makes: operation ids (unique), summaries, security, a 4xx response,
/// valid component names, no server taken from the request.
/// </summary>
public sealed partial class OpenApiDocumentValidationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Roles => OpenApiDocumentFetch.Roles;

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Document_ReadAndValidated_HasNoErrorsOrWarnings(string role)
    {
        var document = await ReadAsync(role);

        var validator = new OpenApiValidator(ValidationRuleSet.GetDefaultRuleSet());
        new OpenApiWalker(validator).Walk(document);

        Assert.Empty(validator.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(validator.Warnings.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.NotEmpty(document.Paths);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Document_EveryOperation_HasUniqueOperationIdAndSummary(string role)
    {
        var operations = Operations(await ReadAsync(role)).ToList();

        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.OperationId), o.Name));
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o.Operation.Summary), o.Name));
        // API Management names each imported operation after its id: at most 80 characters, no reserved ones.
        Assert.All(operations, o => Assert.Matches(OperationId(), o.Operation.OperationId!));
        var duplicates = operations.GroupBy(o => o.Operation.OperationId).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Document_EveryOperation_RequiresTheBearerSchemeAndDescribesProblems(string role)
    {
        var document = await ReadAsync(role);

        Assert.True(document.Components!.SecuritySchemes!.TryGetValue("bearer", out var scheme), "no bearer scheme");
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
        Assert.Equal("JWT", scheme.BearerFormat);
        Assert.Contains("ProblemDetails", document.Components.Schemas!.Keys);
        foreach (var (name, operation) in Operations(document))
        {
            Assert.True(operation.Security is [_], $"{name}: expected one security requirement");
            var requirement = operation.Security[0];
            Assert.Contains(requirement.Keys, k => k.Reference.Id == "bearer");
            Assert.Contains("401", operation.Responses!.Keys);
            var problems = operation.Responses.Where(r => r.Key.StartsWith('4')).ToList();
            Assert.NotEmpty(problems);
            Assert.All(problems, r => Assert.Contains("application/problem+json", r.Value.Content!.Keys));
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Document_ComponentNamesAndServers_AreValidAndNotFromTheRequest(string role)
    {
        var text = await OpenApiDocumentFetch.GetAsync(factory, role);
        var document = Read(role, text);

        Assert.Equal($"EdTech {role} API", document.Info.Title);
        Assert.StartsWith("3.0.", System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.All(document.Components?.Schemas?.Keys ?? [], k => Assert.Matches(ComponentName(), k));
        Assert.All(document.Components?.SecuritySchemes?.Keys ?? [], k => Assert.Matches(ComponentName(), k));
        Assert.DoesNotContain(OpenApiDocumentFetch.RequestHost, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("://localhost", text, StringComparison.OrdinalIgnoreCase);
        Assert.All(document.Servers ?? [], s => Assert.DoesNotContain(OpenApiDocumentFetch.RequestHost, s.Url, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Document_ExplicitNameOrSummary_IsKeptAndOthersAreDerived()
    {
        var document = await ReadAsync("student");

        var submit = document.Paths["/api/student/assessments/{assessmentId}/submissions"].Operations![HttpMethod.Post];
        Assert.Equal("student_PostAssessmentsByAssessmentIdSubmissions", submit.OperationId);
        Assert.Equal("Submit an attempt; 202 once durably stored, graded in the background", submit.Summary);
        var dashboard = document.Paths["/api/student/dashboard"].Operations![HttpMethod.Get];
        Assert.Equal("student_GetDashboard", dashboard.OperationId);
        Assert.Equal("GET /dashboard (student)", dashboard.Summary);
        Assert.DoesNotContain("404", dashboard.Responses!.Keys);
        Assert.Contains("404", submit.Responses!.Keys);
    }

    private async Task<OpenApiDocument> ReadAsync(string role) => Read(role, await OpenApiDocumentFetch.GetAsync(factory, role));

    private static OpenApiDocument Read(string role, string text)
    {
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");

        Assert.NotNull(diagnostic);
        Assert.Empty(diagnostic.Errors.Select(e => $"{role} {e.Pointer}: {e.Message}"));
        Assert.Empty(diagnostic.Warnings.Select(e => $"{role} {e.Pointer}: {e.Message}"));
        return Assert.IsType<OpenApiDocument>(document);
    }

    private static IEnumerable<(string Name, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        from path in document.Paths
        from operation in path.Value.Operations ?? []
        select ($"{operation.Key} {path.Key}", operation.Value);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,79}$")]
    private static partial Regex OperationId();

    [GeneratedRegex(@"^[a-zA-Z0-9\.\-_]+$")]
    private static partial Regex ComponentName();
}
