using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Privacy;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Privacy;

public sealed class AuditLogTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AutoGrade_AfterTheRun_IsAuditedExactlyOncePerStep()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var student = await ErasableStudent.CreateAsync(school);

        var audit = StoredRows.ReadAll(factory.DataDirectory).Where(r => r.Tenant == school.Tenant && r.Container == Containers.Audit).ToList();
        // Graded and released in one write: its two entries are one stored document, read as two entries (docs/grading.md, "Folded writes").
        var stored = Assert.Single(audit, r => r.Json.Contains(student.SubmissionId, StringComparison.Ordinal));
        var entries = AuditFolds.Expand([JsonSerializer.Deserialize<AuditEntry>(stored.Json, EdTechJson.Options)!]);

        var graded = Assert.Single(entries, e => e.Action == AuditActions.GradeChanged && e.Resource == student.SubmissionId);
        Assert.Equal(GradeAudit.AutoGradeId(student.SubmissionId), graded.Id);
        Assert.Equal(student.UserId, stored.Partition);
        Assert.Equal((AuditActions.AutoGrader, "5", null), (graded.ActorUserId, graded.New, graded.Old));
        var released = Assert.Single(entries, e => e.Action == AuditActions.GradeReleased && e.Resource == student.SubmissionId);
        Assert.Equal(GradeAudit.ReleaseId(student.SubmissionId), released.Id);
    }

    [Fact]
    public async Task GradebookRead_LogsOneReadPerStudentRow_InThatStudentsPartition()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var before = StoredRows.ReadAll(factory.DataDirectory).Count(r => r.Tenant == school.Tenant && r.Container == Containers.Audit);

        await school.Client.GetAsync($"/api/teacher/courses/{school.Course}/gradebook", school.Teacher);

        var reads = StoredRows.ReadAll(factory.DataDirectory)
            .Where(r => r.Tenant == school.Tenant && r.Container == Containers.Audit && r.Json.Contains("\"record.read\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(before + 2, StoredRows.ReadAll(factory.DataDirectory).Count(r => r.Tenant == school.Tenant && r.Container == Containers.Audit));
        Assert.Equal(["s1", "s2"], reads.Select(r => r.Partition).Order());
        Assert.All(reads, r => Assert.Contains("\"actorUserId\":\"t1\"", r.Json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GradebookRead_RepeatedWithinTheHour_CoalescesToOneEntryPerStudent()
    {
        var school = await School.CreateAsync(factory, factory.CreateClient());
        var gradebook = $"/api/teacher/courses/{school.Course}/gradebook";

        for (var i = 0; i < 5; i++)
        {
            await school.Client.GetAsync(gradebook, school.Teacher);
        }

        var reads = StoredRows.ReadAll(factory.DataDirectory)
            .Where(r => r.Tenant == school.Tenant && r.Container == Containers.Audit && r.Json.Contains("\"record.read\"", StringComparison.Ordinal)).ToList();

        Assert.Equal(["s1", "s2"], reads.Select(r => r.Partition).Order());
        Assert.NotEqual(
            Application.Gradebooks.GetGradebookHandler.CoalescedReadId("t1", "s1", school.Course, "2026120608"),
            Application.Gradebooks.GetGradebookHandler.CoalescedReadId("t2", "s1", school.Course, "2026120608"));
        Assert.NotEqual(
            Application.Gradebooks.GetGradebookHandler.CoalescedReadId("t1", "s1", school.Course, "2026120608"),
            Application.Gradebooks.GetGradebookHandler.CoalescedReadId("t1", "s1", school.Course, "2026120609"));
    }

    [Fact]
    public void AuditLog_OffersNoWayToEditAnEntry()
    {
        var methods = typeof(IAuditLog).GetMethods().Select(m => m.Name).Order().ToList();

        Assert.Equal(["AboutAsync", "AppendAsync", "EraseSubjectAsync"], methods);
    }

    [Fact]
    public void StudentDataMap_PlacesEveryContainer()
    {
        var placed = StudentData.Locations.Keys.Concat(StudentData.Special).Concat(StudentData.Free).ToList();

        Assert.Equal(placed.Count, placed.Distinct().Count());
        Assert.Equal(Containers.All.Order(), placed.Order());
    }
}
