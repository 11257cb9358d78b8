using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Gradebooks;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;
using EdTech.Application.Tests.Submissions;

namespace EdTech.Application.Tests.Projections;

/// <summary>A gradebook read logs one entry per student and hour; a repeated read within the hour sends none to the store again.</summary>
public sealed class GradebookReadAuditTests : IAsyncLifetime
{
    private static readonly Caller Teacher = new(ProjectionWorld.Tenant, "t1", new HashSet<string> { Roles.Teacher });
    private readonly ProjectionWorld _world = new();
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-12-07T09:10:00Z", null));
    private readonly CountingAuditLog _audit = new();
    private GetGradebookHandler _handler = null!;

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        await _world.Store.CreateAsync(ProjectionWorld.Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("math101", "t1"), "math101", "t1", Roles.Teacher, DateTimeOffset.UnixEpoch));
        foreach (var student in new[] { "s1", "s2", "s3" })
        {
            await _world.Store.CreateAsync(ProjectionWorld.Tenant, new EnrollmentRecord(EnrollmentRecord.IdFor("math101", student), "math101", student, Roles.Student, DateTimeOffset.UnixEpoch));
        }

        _handler = new GetGradebookHandler(_world.Store, new CourseAccess(_world.Store, _clock, AccessCacheSettings.Default), _audit, _world.Cache, new CoalescedReads(), _clock);
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task ReadTwiceInTheHour_AppendsEachStudentsEntryOnce_TheNextHourAgain()
    {
        await _handler.HandleAsync(Teacher, "math101", default);
        await _handler.HandleAsync(Teacher, "math101", default);

        Assert.Equal(["s1", "s2", "s3"], _audit.Appended.Select(e => e.SubjectUserId).Order(StringComparer.Ordinal));

        _clock.Advance(TimeSpan.FromHours(1));
        await _handler.HandleAsync(Teacher, "math101", default);

        Assert.Equal(6, _audit.Appended.Count);
        Assert.Equal(6, _audit.Appended.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task AnAppendThatFailed_IsSentAgainOnTheNextRead()
    {
        _audit.FailNext = true;
        await Assert.ThrowsAsync<IOException>(() => _handler.HandleAsync(Teacher, "math101", default));

        await _handler.HandleAsync(Teacher, "math101", default);

        Assert.Equal(["s1", "s2", "s3"], _audit.Appended.Select(e => e.SubjectUserId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    private sealed class CountingAuditLog : IAuditLog
    {
        private readonly List<AuditEntry> _appended = [];

        public bool FailNext { get; set; }

        public IReadOnlyList<AuditEntry> Appended
        {
            get
            {
                lock (_appended)
                {
                    return [.. _appended];
                }
            }
        }

        public Task AppendAsync(TenantId tenant, AuditEntry entry, CancellationToken ct)
        {
            lock (_appended)
            {
                if (FailNext)
                {
                    FailNext = false;
                    throw new IOException("audit store unavailable");
                }

                _appended.Add(entry);
            }

            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditEntry>> AboutAsync(TenantId tenant, string subjectUserId, CancellationToken ct) => throw new NotSupportedException();

        public Task<int> EraseSubjectAsync(TenantId tenant, string subjectUserId, AuditEntry tombstone, CancellationToken ct) => throw new NotSupportedException();
    }
}
