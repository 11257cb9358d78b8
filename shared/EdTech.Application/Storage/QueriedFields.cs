namespace EdTech.Application.Storage;

/// <summary>
/// The record fields each container is queried on (<see cref="DocumentQuery.FieldEquals"/>), the only fields the
/// adapters accept in a query. Cosmos indexes exactly these (as <c>/doc/&lt;field&gt;/?</c>, next to the key paths
/// <c>/tenantId/?</c> and <c>/partitionKey/?</c>; <c>id</c>, which every query orders by, is always indexed) and
/// nothing else, keeping write RUs down: <c>bicep/modules/cosmos.bicep</c> must list the same paths, which a test
/// checks. A query on a field missing here fails on both hosts, so the list cannot fall behind the code. An array field
/// matched by <see cref="FieldMatchKind.ArrayContains"/> is listed as <c>name/[]</c> (its elements' index path, <c>/doc/name/[]/?</c>).
/// </summary>
public static class QueriedFields
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByContainer { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Containers.Tenants] = ["parentId"],
        [Containers.Enrollments] = ["userId", "role", "section"],
        [Containers.Submissions] = ["assessmentId", "status", "userId"],
        [Containers.Gradebook] = ["userId"],
        [Containers.ReviewQueue] = ["status", "userId"],
        [Containers.AssessmentStatistics] = ["userId"],
        [Containers.LearnerState] = ["courseId"],
        [Containers.Responses] = ["userId"],
        [Containers.ItemRatings] = ["userId"],
        [Containers.TaggingJobs] = ["status"],
        [Containers.Poison] = ["userId"],
        [Containers.WorkflowRuns] = ["status"],
        [Containers.TaggingSuggestions] = ["assessmentId", "itemId", "status"],
        [Containers.UsageStudentDays] = ["userId"],
        [Containers.UsageModuleProgress] = ["userId"],
        [Containers.AnalyticsStudentWeeks] = ["userId"],
        [Containers.Simulations] = ["status"],
        // Admin lists (docs/api-lists.md): users by role (array) and text prefix; audit entries by actor and time.
        [Containers.Users] = ["searchName", "searchEmail", "roles/[]"],
        [Containers.Audit] = ["actorUserId", "at"],
        [Containers.Assessments] = ["state"],
        [Containers.Attempts] = ["assessmentId", "userId"],
    };

    /// <summary>The fields of <paramref name="container"/> a query may filter on (none for most containers).</summary>
    public static IReadOnlyList<string> Of(string container) => ByContainer.TryGetValue(container, out var fields) ? fields : [];

    /// <summary>Refuses a query on a field the container is not indexed for, naming both.</summary>
    public static void Ensure(string container, DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var field in (query.FieldEquals ?? new Dictionary<string, string>()).Keys.Concat((query.FieldNotEquals ?? new Dictionary<string, string>()).Keys))
        {
            if (!Of(container).Contains(field, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"'{container}' is not queried on '{field}': add it to QueriedFields and to the container's index in bicep/modules/cosmos.bicep.", nameof(query));
            }
        }

        foreach (var match in (query.Conditions ?? []).SelectMany(c => c.AnyOf))
        {
            var indexed = match.Kind == FieldMatchKind.ArrayContains ? match.Field + "/[]" : match.Field;
            if (match.Field != "id" && !Of(container).Contains(indexed, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"'{container}' is not queried on '{indexed}': add it to QueriedFields and to the container's index in bicep/modules/cosmos.bicep.", nameof(query));
            }
        }
    }
}
