using System.Net;
using System.Text.Json;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Privacy;

public sealed class ExportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Export_AfterGradingAndGradebookRead_ContainsUserEnrollmentAnswersViewsAndAudit()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);

        var (status, body, _) = await student.ExportAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(student.Email, body.GetProperty("user").GetProperty("email").GetString());
        var containers = body.GetProperty("containers");
        Assert.Equal("math101", Single(containers, "enrollments").GetProperty("courseId").GetString());
        var submission = Single(containers, "submissions");
        Assert.Equal(student.SubmissionId, submission.GetProperty("id").GetString());
        Assert.Equal(" paris ", submission.GetProperty("answers")[3].GetProperty("value").GetString());
        Assert.Equal(5, submission.GetProperty("score").GetDecimal());
        Assert.Equal("released", Single(containers, "submission-views").GetProperty("status").GetString());
        Assert.Equal(student.SubmissionId, Single(containers, "gradebook").GetProperty("submissionId").GetString());
        Assert.Equal(ErasableStudent.UsageEventId, Single(containers, "usage-events").GetProperty("eventId").GetString());
        var usageDays = containers.GetProperty("usage-student-days").EnumerateArray().ToList(); // one, or two when the run crossed midnight UTC
        Assert.Equal([ErasableStudent.UsageEventId], usageDays.SelectMany(d => d.GetProperty("eventIds").EnumerateArray()).Select(e => e.GetString()));
        Assert.Equal([student.SubmissionId], usageDays.SelectMany(d => d.GetProperty("submissionIds").EnumerateArray()).Select(e => e.GetString()));
        var actions = containers.GetProperty("audit").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("grade.changed", actions);
        Assert.Contains("grade.released", actions);
        Assert.Contains("record.read", actions);
        Assert.Contains("student.exported", actions);
    }

    [Fact]
    public async Task Export_OfClassmate_ContainsNothingOfTheOtherStudent()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);

        var (status, body, _) = await school.Client.GetAsync("/api/admin/students/s2/export", school.Admin);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(student.UserId, body.ToString(), StringComparison.Ordinal);
        Assert.Empty(body.GetProperty("containers").GetProperty("submissions").EnumerateArray());
        Assert.Empty(body.GetProperty("containers").GetProperty("usage-events").EnumerateArray());
    }

    [Fact]
    public async Task Export_UnknownUser_Is404()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());

        var (status, _, _) = await school.Client.GetAsync("/api/admin/students/nobody/export", school.Admin);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private static JsonElement Single(JsonElement containers, string name) => Assert.Single(containers.GetProperty(name).EnumerateArray().ToList());
}
