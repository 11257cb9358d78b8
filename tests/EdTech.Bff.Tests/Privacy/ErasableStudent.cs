using EdTech.Domain.Submissions;
using System.Net;
using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Privacy;

/// <summary>
/// A student with a distinctive id, name and e-mail in a <see cref="School"/>: enrolled, submitted
/// (released), read by the teacher in the gradebook, and posted a usage event (projected into their usage day), so every
/// container holds something of theirs.
/// </summary>
public sealed record ErasableStudent(School School, string UserId, string Name, string Email, string SubmissionId)
{
    public const string UsageEventId = "erasable-ev1";

    public string Token => School.Factory.Token(School.Tenant, UserId, "student");

    public static async Task<ErasableStudent> CreateAsync(School school)
    {
        var suffix = Guid.NewGuid().ToString("n")[..6];
        var (userId, name, email) = ($"zed-erasable-{suffix}", $"Zed Quokka-{suffix}", $"zed.quokka.{suffix}@erase.example");
        var (created, body, _) = await school.Client.PostAsync("/api/admin/users", school.Admin, new { id = userId, displayName = name, email, roles = new[] { "student" } });
        Assert.True(created == HttpStatusCode.Created, body.ToString());
        var (enrolled, _, _) = await school.Client.PostAsync($"/api/admin/courses/{school.Course}/enrollments", school.Admin, new { userId, role = "student" });
        Assert.Equal(HttpStatusCode.Created, enrolled);

        var student = new ErasableStudent(school, userId, name, email, string.Empty);
        var submissionId = await school.SubmitAsync(student.Token);
        await school.WaitForStatusAsync(student.Token, submissionId);
        await WaitForGradebookAsync(school, userId);
        await WaitForStatisticsAsync(school, submissionId);
        var (posted, postedBody, _) = await school.Client.PostAsync("/api/student/events", student.Token, new
        {
            events = new[] { new { id = UsageEventId, verb = "started", objectType = "assessment", objectId = school.Quiz, courseId = school.Course, at = DateTimeOffset.UtcNow, durationSeconds = 60 } },
        });
        Assert.True(posted == HttpStatusCode.Accepted, postedBody.ToString());
        await WaitForUsageDayAsync(school, userId, submissionId);
        return student with { SubmissionId = submissionId };
    }

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> EraseAsync(string reason = "Parent's erasure request, ticket 4711") =>
        School.Client.PostAsync($"/api/admin/students/{UserId}/erasure", School.Admin, new { reason });

    public Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ExportAsync() =>
        School.Client.GetAsync($"/api/admin/students/{UserId}/export", School.Admin);

    /// <summary>Waits until the statistics projection holds the released submission, so no projection write is still in flight when a test erases.</summary>
    private static async Task WaitForStatisticsAsync(School school, string submissionId)
    {
        var store = school.Factory.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if ((await store.GetAsync<StatisticsContribution>(new TenantId(school.Tenant), submissionId))?.Value.Status == SubmissionStatus.Released)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The statistics never showed {submissionId} released.");
    }

    /// <summary>Waits until the usage projection has counted the student's event and submission in their usage day.</summary>
    private static async Task WaitForUsageDayAsync(School school, string userId, string submissionId)
    {
        var store = school.Factory.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var days = await store.QueryAsync<UsageStudentDayRecord>(new TenantId(school.Tenant), DocumentQuery.Where("userId", userId));
            if (days.Any(d => d.Value.EventIds.Contains(UsageEventId)) && days.Any(d => d.Value.SubmissionIds.Contains(submissionId)))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The usage projection never counted {userId}'s event and submission.");
    }

    /// <summary>Reads the gradebook as the teacher until the student's row shows the released grade (the projection is asynchronous).</summary>
    private static async Task WaitForGradebookAsync(School school, string userId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var (_, body, _) = await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher);
            if (body.GetProperty("rows").EnumerateArray().Any(r => r.GetProperty("userId").GetString() == userId
                && r.GetProperty("assessments")[0].GetProperty("status").GetString() == "released"))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The gradebook never showed {userId} released.");
    }
}
