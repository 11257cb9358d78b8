using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Rubrics;

/// <summary>The rubric routes are in the teacher document with named schemas (no anonymous responses), and the grade body documents <c>criteria</c>.</summary>
public sealed class RubricOpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TeacherDocument_ListsTheRubricRoutes_WithNamedSchemas()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var (_, teacher, _) = await school.Client.GetAsync("/api/openapi/teacher.json", null);
        var paths = teacher.GetProperty("paths");

        foreach (var (path, method) in new[]
                 {
                     ("/api/teacher/courses/{courseId}/rubrics", "post"), ("/api/teacher/courses/{courseId}/rubrics", "get"),
                     ("/api/teacher/courses/{courseId}/rubrics/{rubricId}", "get"), ("/api/teacher/courses/{courseId}/rubrics/{rubricId}", "put"),
                     ("/api/teacher/assessments/{assessmentId}/rubric-statistics", "get"),
                 })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty(method, out var operation), $"{method} {path}");
            var responses = operation.GetProperty("responses");
            var success = responses.TryGetProperty("200", out var ok) ? ok : responses.GetProperty("201");
            Assert.Contains("\"$ref\"", success.ToString(), StringComparison.Ordinal);
            Assert.True(operation.TryGetProperty("operationId", out _), $"{method} {path}");
        }

        var schemas = teacher.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "RubricCommand", "RubricView", "RubricStatistics", "RubricCriterionDistribution", "CriterionChoiceInput" })
        {
            Assert.True(schemas.TryGetProperty(name, out _), name);
        }

        Assert.True(schemas.GetProperty("TeacherItemScore").GetProperty("properties").TryGetProperty("criteria", out _));
        Assert.True(schemas.GetProperty("ItemInput").GetProperty("properties").TryGetProperty("rubricId", out _));
    }
}
