using EdTech.Application.Grading.Release;
using EdTech.Application.Storage;

namespace EdTech.Application.Privacy;

/// <summary>
/// Where a student's personal data lives in a tenant, besides their user record and the audit log
/// (which have their own handling). Export and erasure both read this map, so they cannot disagree;
/// a test fails when a container is added without being placed here or in <see cref="Free"/>.
/// </summary>
public static class StudentData
{
    public static IReadOnlyDictionary<string, Func<string, DocumentQuery>> Locations { get; } = new Dictionary<string, Func<string, DocumentQuery>>
    {
        [Containers.Enrollments] = userId => DocumentQuery.Where("userId", userId),
        [Containers.Submissions] = userId => DocumentQuery.Where("userId", userId),
        [Containers.SubmissionViews] = userId => DocumentQuery.InPartition(userId),
        [Containers.Gradebook] = userId => DocumentQuery.Where("userId", userId),
        [Containers.ReviewQueue] = userId => DocumentQuery.Where("userId", userId),
        [Containers.AssessmentStatistics] = userId => DocumentQuery.Where("userId", userId),
        [Containers.Notifications] = userId => DocumentQuery.InPartition(userId),
        [Containers.IntegrationEvents] = userId => DocumentQuery.InPartition(userId),
        [Containers.LearnerState] = userId => DocumentQuery.InPartition(userId),
        [Containers.Recommendations] = userId => DocumentQuery.InPartition(userId),
        [Containers.Responses] = userId => DocumentQuery.Where("userId", userId),
        [Containers.ItemRatings] = userId => DocumentQuery.Where("userId", userId),
        [Containers.UsageEvents] = userId => DocumentQuery.InPartition(userId),
        [Containers.UsageStudentDays] = userId => DocumentQuery.Where("userId", userId),
        [Containers.UsageModuleProgress] = userId => DocumentQuery.Where("userId", userId),
        [Containers.AnalyticsStudentWeeks] = userId => DocumentQuery.Where("userId", userId),
        // A poison record keeps the change that failed (possibly a student's submission): it carries that document's userId.
        [Containers.Poison] = userId => DocumentQuery.Where("userId", userId),
        // Timed attempts and their drafts (answers the student saved but may never have submitted).
        [Containers.Attempts] = userId => DocumentQuery.Where("userId", userId),
    };

    /// <summary>
    /// The student a document of <paramref name="container"/> belongs to, found the way <see cref="Locations"/> finds the
    /// student's documents (its partition, or its top-level <c>userId</c>); for the audit log, its subject (the partition).
    /// Null for containers holding no student's data, or a document without that field. The erasure guard uses this, so a
    /// container placed in <see cref="Locations"/> is guarded without further code.
    /// </summary>
    public static string? SubjectOf(string container, string partition, string json)
    {
        if (container == Containers.Audit)
        {
            return partition;
        }

        if (!Subjects.Value.TryGetValue(container, out var field))
        {
            return null;
        }

        return field is null ? partition : StudentSubject.TopLevelString(json, field);
    }

    /// <summary>
    /// Per container of <see cref="Locations"/>: the top-level field naming the student, or null where the partition does (a
    /// container whose query uses neither is left out: no subject). Read once from the queries themselves (a probe id), so it
    /// cannot disagree with them; it was re-derived, with a query built, on every guarded write.
    /// </summary>
    private static readonly Lazy<Dictionary<string, string?>> Subjects = new(() =>
    {
        const string probe = "\u0001probe";
        var subjects = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (container, locate) in Locations)
        {
            var query = locate(probe);
            if (query.Partition == probe)
            {
                subjects[container] = null;
                continue;
            }

            var field = query.FieldEquals?.FirstOrDefault(f => f.Value == probe).Key;
            if (field is not null)
            {
                subjects[container] = field;
            }
        }

        return subjects;
    });

    /// <summary>Containers whose writes the erasure guard checks: every place of <see cref="Locations"/>, and the audit log.</summary>
    public static bool IsGuarded(string container) => container == Containers.Audit || Locations.ContainsKey(container);

    /// <summary>
    /// Whether the student export and erasure routes may act on this user: students only. A user with any staff role
    /// (even one who is also a student) is answered 404 there; staff data has its own path (docs/api-admin-privacy.md).
    /// </summary>
    public static bool IsStudentOnly(Records.UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Roles.Count > 0 && user.Roles.All(r => r == Domain.Tenancy.Roles.Student);
    }

    /// <summary>Containers handled on their own: the user record and the audit log.</summary>
    public static IReadOnlySet<string> Special { get; } = new HashSet<string> { Containers.Users, Containers.Audit };

    /// <summary>
    /// Containers that hold no student's data (registry, courses, teachers' assessments and their versions, release markers,
    /// course modules, grading schemes, per-item aggregates, tagging jobs and suggestions, workflow runs, the skill taxonomy, a course's daily usage counts, curriculum simulations (a course model without any student's data): written by content authors, seeded
    /// from teachers' item prompts). Item statistics keep submission ids as idempotency markers,
    /// never user ids, so an erased student's answers stay only as anonymous counts.
    /// </summary>
    public static IReadOnlySet<string> Free { get; } = new HashSet<string>
    {
        Containers.Tenants, Containers.Courses, Containers.Assessments, Containers.AssessmentVersions, Containers.AssessmentReleases,
        Containers.DirectoryMappings, Containers.Modules, Containers.GradingSchemes,
        Containers.ItemStats, Containers.SkillGraphs, Containers.ItemParameters, Containers.TaggingJobs, Containers.WorkflowRuns, Containers.SkillTaxonomy,
        Containers.TaggingSuggestions,
        Containers.CourseUsage, Containers.TaggingUsage, Containers.Simulations,
        Containers.CourseAnalyticsWeeks, Containers.CourseAnalyticsItems,
        // Rubrics are teachers' criteria and levels; the levels a teacher chose for a student live in the submission (and its view).
        Containers.Rubrics, Containers.RubricVersions,
    };
}
