using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Dashboard;

/// <summary>Small helpers for reading <c>GET /api/student/dashboard</c> in tests.</summary>
internal static class DashboardCalls
{
    public const string DashboardPath = "/api/student/dashboard";

    public static async Task<JsonElement> GetAsync(School school, string token)
    {
        var (status, body, _) = await school.Client.GetAsync(DashboardPath, token);
        Assert.True(status == HttpStatusCode.OK, $"GET {DashboardPath}: {status} {body}");
        return body;
    }

    public static IReadOnlyList<JsonElement> List(JsonElement dashboard, string field) => [.. dashboard.GetProperty(field).EnumerateArray()];

    public static IReadOnlyList<string> Ids(JsonElement dashboard, string field, string idField) =>
        [.. List(dashboard, field).Select(e => e.GetProperty(idField).GetString()!)];

    public static async Task CreateQuizAsync(School school, string id, string releaseMode = "immediate", DateTimeOffset? dueAt = null, int? maxAttempts = null, string? token = null)
    {
        var (status, body, _) = await school.Client.PostAsync($"/api/teacher/courses/{school.Course}/assessments", token ?? school.Teacher,
            School.QuizBody(id, releaseMode, dueAt, maxAttempts: maxAttempts));
        Assert.True(status == HttpStatusCode.Created, $"Create {id}: {status} {body}");
    }
}
