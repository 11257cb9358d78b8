using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Privacy;
using EdTech.Application.Records;
using EdTech.Application.Storage;

namespace EdTech.Application.Tests.Privacy;

/// <summary>The student export on the real SQLite store: everything erasure would delete, the user record, and the audit trail with its own entry.</summary>
public sealed class ExportStudentHandlerTests : IAsyncLifetime
{
    private readonly ErasureWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task Handle_Student_ExportsTheUserAndEachPlaceOfTheirData_NothingOfTheClassmate()
    {
        var export = (await _world.ExportAsync()).Value!;

        Assert.Equal("s1", export.UserId);
        Assert.Equal(ErasureWorld.Start, export.ExportedAt);
        Assert.Equal("Ada Lovelace", export.User.GetProperty("displayName").GetString());
        foreach (var container in StudentData.Locations.Keys)
        {
            var doc = Assert.Single(export.Containers[container]);
            Assert.Equal("s1", doc.GetProperty("userId").GetString());
        }

        Assert.Equal(StudentData.Locations.Keys.Append(Containers.Audit).Order(), export.Containers.Keys.Order());
    }

    [Fact]
    public async Task Handle_Student_AuditsTheExportFirstSoTheExportHoldsItsOwnEntry()
    {
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, new AuditEntry("a1", ErasureWorld.Start.AddDays(-1), "t1", ["teacher"], "grade.changed", "s1", "submission:x"));
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, new AuditEntry("a2", ErasureWorld.Start.AddDays(-1), "t1", ["teacher"], "grade.changed", "s2", "submission:y"));

        var export = (await _world.ExportAsync()).Value!;

        var stored = (await _world.Raw.QueryAsync<AuditEntry>(ErasureWorld.Tenant, DocumentQuery.InPartition("s1"))).Select(e => e.Value).ToList();
        var entry = Assert.Single(stored, e => e.Action == AuditActions.StudentExported);
        Assert.StartsWith("export-", entry.Id, StringComparison.Ordinal);
        Assert.Equal(39, entry.Id.Length);
        Assert.Equal(ErasureWorld.Start, entry.At);
        Assert.Equal("admin1", entry.ActorUserId);
        Assert.Equal(["content-author", "tenant-admin"], entry.ActorRoles);
        Assert.Equal("s1", entry.SubjectUserId);
        Assert.Equal("user:s1", entry.Resource);
        var exported = export.Containers[Containers.Audit].Select(e => e.GetProperty("id").GetString()).Order().ToList();
        Assert.Equal(new[] { "a1", entry.Id }.Order(), exported);
    }

    [Fact]
    public async Task Handle_Twice_AuditsEachExportSeparately()
    {
        await _world.ExportAsync();
        var second = (await _world.ExportAsync()).Value!;

        Assert.Equal(2, second.Containers[Containers.Audit].Count(e => e.GetProperty("action").GetString() == AuditActions.StudentExported));
    }

    [Fact]
    public async Task Handle_UnknownUser_IsNotFoundAndAuditsNothing()
    {
        var outcome = await _world.ExportAsync("nobody");

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Equal(Problem.NotFound("user").Detail, outcome.Problem!.Detail);
        Assert.Empty(await _world.Raw.QueryAsync(ErasureWorld.Tenant, Containers.Audit, DocumentQuery.InPartition("nobody")));
    }

    [Theory]
    [InlineData("teacher")]
    [InlineData("student", "teacher")]
    public async Task Handle_UserWithAStaffRole_IsNotFoundAndAuditsNothing(params string[] roles)
    {
        await _world.AddUserAsync("t1", "Teacher", "t@school.example", roles);

        var outcome = await _world.ExportAsync("t1");

        Assert.Equal(ProblemKind.NotFound, outcome.Problem?.Kind);
        Assert.Empty(await _world.Raw.QueryAsync(ErasureWorld.Tenant, Containers.Audit, DocumentQuery.InPartition("t1")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an id!")]
    public async Task Handle_InvalidUserId_IsInvalidNamingTheUserId(string userId)
    {
        var outcome = await _world.ExportAsync(userId);

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.True(outcome.Problem!.Errors!.ContainsKey("userId"));
    }

    [Fact]
    public async Task Handle_NoUserId_IsInvalidNamingTheUserIdAsRequired()
    {
        var outcome = await _world.ExportAsync(null!);

        Assert.Equal(ProblemKind.Validation, outcome.Problem?.Kind);
        Assert.Equal(["Required."], outcome.Problem!.Errors!["userId"]);
    }

    [Fact]
    public async Task Handle_DocumentsAreExportedAsStored()
    {
        await _world.Raw.CreateAsync(ErasureWorld.Tenant, Containers.Submissions, "rich", ErasureWorld.Course, """{"id":"rich","userId":"s1","score":{"raw":3.5}}""");

        var export = (await _world.ExportAsync()).Value!;

        var rich = Assert.Single(export.Containers[Containers.Submissions], d => d.GetProperty("id").GetString() == "rich");
        Assert.Equal(3.5m, rich.GetProperty("score").GetProperty("raw").GetDecimal());
        Assert.Equal(JsonValueKind.Object, export.User.ValueKind);
    }
}
