using System.Text.Json;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Lists.Admin;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Application.Storage;
using EdTech.Application.Tests.Submissions;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Tests.Lists;

/// <summary>
/// GET /api/admin/audit over folded documents (an immediate release's two entries in one): the same entries stored folded in one
/// tenant and one document each in another give the same pages (items, order, continuation tokens) for every filter and page
/// size, including pages that end between a fold's two entries, with other entries' ids in between.
/// </summary>
public sealed class AuditFoldPagingTests : IAsyncLifetime
{
    private static readonly TenantId Folded = SubmitWorld.Tenant;
    private static readonly TenantId Alone = new("school-alone");
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly SubmitWorld _world = new();

    public Task InitializeAsync() => _world.InitializeAsync();

    public Task DisposeAsync() => _world.DisposeAsync();

    private ListAuditHandler Audit => new(_world.Store);

    public static TheoryData<string?, string?, string?, string?> Filters => new()
    {
        { null, null, null, null },
        { "u1", null, null, null },
        { "u2", null, null, null },
        { null, "t1", null, null },
        { "u1", "t1", null, null },
        { null, null, "2026-03-01T09:00:00Z", "2026-03-01T09:00:01Z" },
        { null, null, "2026-03-01T09:00:01Z", null },
        { "u1", null, "2026-03-01T09:00:00Z", "2026-03-01T12:00:00Z" },
        { "u1", "t1", "2026-03-01T09:00:00Z", "2026-03-01T12:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Audit_FoldedEntries_PageExactlyAsOneDocumentPerEntry_AtEveryPageSize(string? studentId, string? actorId, string? from, string? to)
    {
        await SeedAsync();

        foreach (var limit in new[] { "1", "2", "3", "100" })
        {
            var folded = await AllPagesAsync(Folded, studentId, actorId, from, to, limit);
            var alone = await AllPagesAsync(Alone, studentId, actorId, from, to, limit);

            Assert.Equal(alone, folded);
        }
    }

    [Fact]
    public async Task Audit_PageEndingInsideAFold_NextPageStartsWithTheEntriesBetweenThenTheFoldedOne()
    {
        await SeedAsync();

        var pages = await PagesAsync(Folded, null, null, null, null, "1");

        // Ids in order: the fold's head, a teacher's and a regrade entry (stored alone, ids between), then the fold's release entry.
        Assert.Equal(
            ["sa:auto-grade", "sa:grade:q1:e1", "sa:regrade:v2", "sa:release", "sa:score:e2", "sb:auto-grade", "sb:release", "sc:auto-grade"],
            pages.SelectMany(p => p.Items).Select(e => e.EntryId));
        Assert.All(pages, p => Assert.Single(p.Items));
        Assert.Equal(GradeAudit.ReleaseId("sa"), pages[3].Items[0].EntryId);
        Assert.Equal(("u1", AuditActions.GradeReleased, T0), (pages[3].Items[0].StudentId, pages[3].Items[0].Action, pages[3].Items[0].At));
    }

    [Theory]
    [InlineData("sa:auto-grade", "sa:auto-grade")]
    [InlineData("sa:grade:q1:e1", "sa:auto-grade")]
    [InlineData("sa:regrade:v2", "sa:auto-grade")]
    [InlineData("sa:release", null)]
    [InlineData("sa:score:e2", null)]
    [InlineData("sa", null)]
    [InlineData("export-1", null)]
    public void HeadStraddling_CursorInsideAFoldsIdRange_NamesItsHead(string cursor, string? head) =>
        Assert.Equal(head, AuditFolds.HeadStraddling(cursor));

    /// <summary>
    /// Two submissions graded and released (folds sa, sb), a third only graded (sc), a teacher's item change and a regrade of sa
    /// (ids between sa's two entries), a teacher's score after them, in two students' partitions.
    /// </summary>
    private async Task SeedAsync()
    {
        AuditEntry Auto(string id, string subject, DateTimeOffset at, string action = AuditActions.GradeChanged) =>
            new(id, at, AuditActions.AutoGrader, AuditActions.SystemRoles, action, subject, id.Split(':')[0], "1", "2", "auto-graded");
        AuditEntry Teacher(string id, string subject, DateTimeOffset at) =>
            new(id, at, "t1", [Roles.Teacher], AuditActions.GradeChanged, subject, id.Split(':')[0], "2", "3", "review");

        (AuditEntry Head, AuditEntry Release)[] folds =
        [
            (Auto(GradeAudit.AutoGradeId("sa"), "u1", T0), Auto(GradeAudit.ReleaseId("sa"), "u1", T0, AuditActions.GradeReleased)),
            (Auto(GradeAudit.AutoGradeId("sb"), "u2", T0), Auto(GradeAudit.ReleaseId("sb"), "u2", T0, AuditActions.GradeReleased)),
        ];
        AuditEntry[] single =
        [
            Teacher("sa:grade:q1:e1", "u1", T0.AddHours(1)), Auto(GradeAudit.RegradeId("sa", 2), "u1", T0.AddHours(2)),
            Teacher("sa:score:e2", "u1", T0.AddHours(3)), Auto(GradeAudit.AutoGradeId("sc"), "u1", T0.AddMinutes(30)),
        ];
        foreach (var (head, release) in folds)
        {
            await _world.Store.CreateAsync(Folded, AuditFolds.Of(head, release));
            await _world.Store.CreateAsync(Alone, head);
            await _world.Store.CreateAsync(Alone, release);
        }

        foreach (var entry in single)
        {
            await _world.Store.CreateAsync(Folded, entry);
            await _world.Store.CreateAsync(Alone, entry);
        }
    }

    private async Task<List<string>> AllPagesAsync(TenantId tenant, string? studentId, string? actorId, string? from, string? to, string limit) =>
        [.. (await PagesAsync(tenant, studentId, actorId, from, to, limit)).Select(p => JsonSerializer.Serialize(p, EdTechJson.Options))];

    /// <summary>Every page, each continued from the previous page's token, through the handler the API calls.</summary>
    private async Task<List<Page<AuditEntryView>>> PagesAsync(TenantId tenant, string? studentId, string? actorId, string? from, string? to, string limit)
    {
        var admin = new Caller(tenant, "admin1", new HashSet<string> { Roles.TenantAdmin });
        var first = await Audit.HandleAsync(admin, studentId, actorId, from, to, limit, null, CancellationToken.None);
        Assert.True(first.Problem is null, string.Join(", ", first.Problem?.Errors?.Select(e => $"{e.Key}: {e.Value[0]}") ?? []));
        var pages = new List<Page<AuditEntryView>> { first.Value! };
        while (pages[^1].Next is { } next && pages.Count < 50)
        {
            var page = await Audit.HandleAsync(admin, studentId, actorId, from, to, limit, next, CancellationToken.None);
            Assert.True(page.Problem is null, string.Join(", ", page.Problem?.Errors?.Select(e => $"{e.Key}: {e.Value[0]}") ?? []));
            pages.Add(page.Value!);
        }

        return pages;
    }
}
