namespace EdTech.Application.Storage;

/// <summary>
/// The record fields each container is queried on (<see cref="DocumentQuery.FieldEquals"/>), the only fields the
/// adapters accept in a query. Cosmos indexes exactly these (as <c>/doc/&lt;field&gt;/?</c>, next to the key paths
/// <c>/tenantId/?</c> and <c>/partitionKey/?</c>; <c>id</c>, which every query orders by, is always indexed) and
/// nothing else, keeping write RUs down: <c>bicep/modules/cosmos.bicep</c> must list the same paths, which a test
/// checks. A query on a field missing here fails on both hosts, so the list cannot fall behind the code.
/// </summary>
public static class QueriedFields
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByContainer { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Containers.Tenants] = ["parentId"],
        [Containers.Enrollments] = ["userId", "role"],
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
        [Containers.Attempts] = ["assessmentId", "userId"],
    };

    /// <summary>The fields of <paramref name="container"/> a query may filter on (none for most containers).</summary>
    public static IReadOnlyList<string> Of(string container) => ByContainer.TryGetValue(container, out var fields) ? fields : [];

    /// <summary>Refuses a query on a field the container is not indexed for, naming both.</summary>
    public static void Ensure(string container, DocumentQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var field in (query.FieldEquals ?? new Dictionary<string, string>()).Keys)
        {
            if (!Of(container).Contains(field, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"'{container}' is not queried on '{field}': add it to QueriedFields and to the container's index in bicep/modules/cosmos.bicep.", nameof(query));
            }
        }
    }
}
