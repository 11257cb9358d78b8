using EdTech.Bff.Tests.Infrastructure;

namespace EdTech.Bff.Tests.Fuzz;

/// <summary>
/// What a rejected request must not change: every document's (container, id, etag) in the tenant and
/// in the platform registry. What grading moves on its own is left out: a submission's state (its id
/// must still not appear or vanish), the projections the change feed writes after earlier 202s, and
/// the grading steps' audit entries.
/// </summary>
public static class StoreSnapshot
{
    // Projections of graded submissions (views, gradebook, review queue, statistics, learner state), usage, and the outboxes (marked sent on their own).
    private static readonly HashSet<string> Projections = ["submission-views", "gradebook", "review-queue", "assessment-statistics", "notifications", "integration-events", "learner-state", "recommendations", "item-stats", "responses",
        "usage-student-days", "course-usage", "usage-module-progress", "analytics-student-weeks", "course-analytics-weeks", "course-analytics-items"];

    public static string Take(string dataDirectory, string tenant) => string.Join('\n', StoredRows.ReadAll(dataDirectory)
        .Where(r => (r.Tenant == tenant || r.Tenant == "platform") && !Projections.Contains(r.Container) && !IsGradingAudit(r))
        .Select(r => $"{r.Tenant}|{r.Container}|{r.Id}|{(r.Container == "submissions" ? string.Empty : r.ETag)}"));

    private static bool IsGradingAudit(StoredRow row) =>
        row.Container == "audit" && (row.Id.EndsWith(":auto-grade", StringComparison.Ordinal) || row.Id.EndsWith(":release", StringComparison.Ordinal));
}
