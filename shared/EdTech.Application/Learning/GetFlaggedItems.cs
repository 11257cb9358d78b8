using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

public sealed record FlaggedItem(string CourseId, string AssessmentId, string ItemId, IReadOnlyList<string> Reasons,
    double? Discrimination, double? Difficulty, int Helpful, int NotHelpful);

public sealed record FlaggedItems(IReadOnlyList<FlaggedItem> Items);

/// <summary>
/// Items to look at: flagged by calibration (low or negative discrimination) or rated not helpful by many students
/// (at least <see cref="LearningOptions.FlagMinNotHelpful"/> and at least half of the item's ratings). Teachers see their
/// course; the content team sees the whole tenant.
/// </summary>
public sealed class GetFlaggedItemsHandler(IDocumentStore store, CourseAccess access, LearningOptions options)
{
    public const string NotHelpful = "not-helpful";

    public async Task<Outcome<FlaggedItems>> ForCourseAsync(Caller caller, string courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!await access.IsEnrolledAsync(caller.Tenant, courseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("course");
        }

        return Outcome<FlaggedItems>.Ok(await FindAsync(caller.Tenant, DocumentQuery.InPartition(courseId), ct).ConfigureAwait(false));
    }

    public async Task<FlaggedItems> ForTenantAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await FindAsync(caller.Tenant, DocumentQuery.All, ct).ConfigureAwait(false);
    }

    private async Task<FlaggedItems> FindAsync(TenantId tenant, DocumentQuery scope, CancellationToken ct)
    {
        var parameters = (await store.QueryAsync<ItemParametersRecord>(tenant, scope, ct).ConfigureAwait(false)).Select(p => p.Value)
            .ToDictionary(p => (p.CourseId, p.Id));
        var ratings = (await store.QueryAsync<ItemRatingRecord>(tenant, scope, ct).ConfigureAwait(false)).Select(r => r.Value)
            .GroupBy(r => (r.CourseId, Id: ItemParametersRecord.IdFor(r.AssessmentId, r.ItemId)))
            .ToDictionary(g => g.Key, g => (Helpful: g.Count(r => r.Helpful), NotHelpful: g.Count(r => !r.Helpful), First: g.First()));
        var flagged = new List<FlaggedItem>();
        foreach (var key in parameters.Keys.Union(ratings.Keys).OrderBy(k => k.CourseId, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal))
        {
            var p = parameters.GetValueOrDefault(key);
            var (helpful, notHelpful, first) = ratings.GetValueOrDefault(key);
            var reasons = new List<string>();
            if (p?.Flag is { } flag)
            {
                reasons.Add(flag);
            }

            if (notHelpful >= options.FlagMinNotHelpful && notHelpful * 2 >= helpful + notHelpful)
            {
                reasons.Add(NotHelpful);
            }

            if (reasons.Count > 0)
            {
                flagged.Add(new FlaggedItem(key.CourseId, p?.AssessmentId ?? first!.AssessmentId, p?.ItemId ?? first!.ItemId, reasons,
                    p?.Discrimination, p?.Difficulty, helpful, notHelpful));
            }
        }

        return new FlaggedItems(flagged);
    }
}
