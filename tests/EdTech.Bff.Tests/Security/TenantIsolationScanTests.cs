using System.Net;
using EdTech.Application.Storage;
using EdTech.Bff.Tests.Infrastructure;
using EdTech.Domain.Tenancy;
using EdTech.Orchestrations.Grading;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace EdTech.Bff.Tests.Security;

/// <summary>
/// A mixed workload in three schools with identical user, course and assessment ids,
/// then a scan of everything stored: each school's marker lives only under that school, and no
/// school's documents are reachable through the API with another school's tokens.
/// </summary>
public sealed class TenantIsolationScanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task MixedWorkloadInThreeTenants_EveryDocumentLivesUnderItsOwnTenant_AndNoneIsReachableFromAnother()
    {
        var client = factory.CreateClient();
        var schools = new List<IsolationWorkload>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            schools.Add(await IsolationWorkload.RunAsync(factory, client, $"iso-{name}-{Guid.NewGuid():n}"[..14]));
        }

        var documents = ReadAllDocuments();

        foreach (var school in schools)
        {
            var marked = documents.Where(d => d.Json.Contains(school.Marker, StringComparison.Ordinal)).ToList();
            Assert.All(marked, d => Assert.True(d.Tenant == school.Tenant, $"{school.Marker} found under tenant {d.Tenant}: {d.Container}/{d.Id}"));
            Assert.Superset(new HashSet<string> { Containers.Users, Containers.Courses, Containers.Assessments, Containers.Rubrics }, marked.Select(d => d.Container).ToHashSet());
        }

        var notFound = 0;
        foreach (var reader in schools)
        {
            var own = documents.Where(d => d.Tenant == reader.Tenant).Select(d => (d.Container, d.Id)).ToHashSet();
            foreach (var doc in documents.Where(d => d.Tenant != reader.Tenant && schools.Any(s => s.Tenant == d.Tenant)))
            {
                notFound += await AssertUnreachableAsync(client, reader, doc, own.Contains((doc.Container, doc.Id)), schools.Single(s => s.Tenant == doc.Tenant).Marker);
            }
        }

        // 3 readers × 2 other schools × (2 submissions × 2 containers × 2 students + the assessment only that school has).
        Assert.True(notFound >= 3 * 2 * (4 * 2 + 1), $"Only {notFound} cross-tenant reads were probed.");

        foreach (var reader in schools)
        {
            await AssertListsShowOnlyOwnAsync(client, reader, schools.Where(s => s != reader).ToList());
        }
    }

    /// <summary>The caller lists of the same ids (t1, s1, math101, quiz1) in every school: only the reader's own school's titles and submissions.</summary>
    private static async Task AssertListsShowOnlyOwnAsync(HttpClient client, IsolationWorkload reader, IReadOnlyList<IsolationWorkload> others)
    {
        var lists = new[]
        {
            ("/api/teacher/courses", reader.Teacher, true), ("/api/teacher/courses/math101/assessments", reader.Teacher, true),
            ("/api/student/courses", reader.Student1, true), ("/api/student/courses/math101/assessments", reader.Student1, true),
            ("/api/teacher/assessments/quiz1/submissions", reader.Teacher, false), ("/api/student/submissions", reader.Student1, false),
            ("/api/admin/users", reader.Admin, true), ("/api/admin/users?q=t1", reader.Admin, true), ("/api/admin/courses", reader.Admin, true),
            ("/api/admin/courses/math101/enrollments", reader.Admin, true), ("/api/teacher/courses/math101/enrollments", reader.Teacher, true),
            ("/api/admin/audit", reader.Admin, false), ("/api/admin/audit?studentId=s1", reader.Admin, false),
            ("/api/content/tagging-jobs", reader.Author, false), ("/api/content/simulations", reader.Author, false), ("/api/admin/simulations", reader.Admin, false),
            ("/api/teacher/courses/math101/rubrics", reader.Teacher, true), ("/api/teacher/assessments/quiz1/rubric-statistics", reader.Teacher, false),
        };
        foreach (var (path, token, titled) in lists)
        {
            var (status, body, _) = await client.GetAsync(path, token);
            var text = body.ToString();
            Assert.True(status == HttpStatusCode.OK, $"{reader.Tenant} {path}: {status} {text}");
            Assert.All(others, o => Assert.DoesNotContain(o.Marker, text, StringComparison.Ordinal));
            Assert.All(others.SelectMany(o => o.SubmissionIds), id => Assert.DoesNotContain(id, text, StringComparison.Ordinal));
            if (titled)
            {
                Assert.Contains(reader.Marker, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task GradingInstanceIds_StartWithTheTenant_AndAreTheOnesTheEngineRan()
    {
        var school = await IsolationWorkload.RunAsync(factory, factory.CreateClient(), $"iso-d-{Guid.NewGuid():n}"[..14]);
        var durable = factory.Services.GetRequiredService<DurableTaskClient>();

        // Grading runs in batches per tenant (docs/grading.md): the tenant's batch instances, found by their tenant-first prefix,
        // carry the tenant in their input too and graded every one of its submissions.
        var graded = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var instance in durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = school.Tenant + ":grade-batch:", FetchInputsAndOutputs = true }))
        {
            var input = instance.ReadInputAs<GradeBatchInput>()!;
            Assert.Equal(school.Tenant, input.TenantId.Value);
            Assert.Equal(GradeBatchInput.InstanceIdFor(input.TenantId, input.SubmissionIds), instance.InstanceId);
            graded.UnionWith(input.SubmissionIds);
        }

        Assert.Subset(graded, school.SubmissionIds.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Returns how many reads answered 404.</summary>
    private static async Task<int> AssertUnreachableAsync(HttpClient client, IsolationWorkload reader, StoredRow doc, bool readerHasSameId, string foreignMarker)
    {
        var probes = doc.Container switch
        {
            Containers.Submissions or Containers.SubmissionViews => [($"/api/student/submissions/{doc.Id}", reader.Student1), ($"/api/student/submissions/{doc.Id}", reader.Student2)],
            Containers.Assessments => [($"/api/student/assessments/{doc.Id}", reader.Student1)],
            Containers.Courses => new[] { ($"/api/teacher/courses/{doc.Id}/gradebook", reader.Teacher), ($"/api/admin/courses/{doc.Id}", reader.Admin) },
            Containers.Rubrics => [($"/api/teacher/courses/math101/rubrics/{doc.Id}", reader.Teacher)],
            Containers.Users => [($"/api/admin/users/{doc.Id}", reader.Admin)],
            // The same student and quiz give the same attempt id in every school: the reader's own attempt answers, the other school's only-quiz attempt 404s.
            Containers.Attempts => [($"/api/student/assessments/quiz1/attempts/{doc.Id}", reader.Student1)],
            _ => [],
        };

        var notFound = 0;
        foreach (var (path, token) in probes)
        {
            var (status, body, _) = await client.GetAsync(path, token);
            if (readerHasSameId)
            {
                // Same id in the reader's own school: the reader's own document (so caches are keyed by tenant), never the other's.
                Assert.DoesNotContain(foreignMarker, body.ToString(), StringComparison.Ordinal);
                if (doc.Container is Containers.Assessments or Containers.Rubrics)
                {
                    Assert.Contains(reader.Marker, body.ToString(), StringComparison.Ordinal);
                }
            }
            else
            {
                Assert.True(status == HttpStatusCode.NotFound, $"{reader.Tenant} reading {doc.Tenant}'s {doc.Container}/{doc.Id} via {path}: {status}");
                notFound++;
            }
        }

        return notFound;
    }

    private IReadOnlyList<StoredRow> ReadAllDocuments()
    {
        var rows = StoredRows.ReadAll(factory.DataDirectory);
        Assert.NotEmpty(rows);
        return rows;
    }
}
