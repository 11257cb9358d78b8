using EdTech.Domain.Serialization;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Suggestions;

/// <summary>Body of POST /api/content/suggestions/accept: accept every pending suggestion of a course (or one assessment) whose every skill has at least <c>minConfidence</c>.</summary>
public sealed record AcceptAllSuggestionsCommand(string? CourseId, double? MinConfidence, string? AssessmentId);

/// <summary>What an accept-all did: the items accepted, and how many pending suggestions stayed pending (below the confidence, or none given).</summary>
public sealed record AcceptAllResult(IReadOnlyList<SuggestionView> Accepted, int Skipped);

/// <summary>
/// Accepts, in bulk, the pending suggestions whose every skill reaches a confidence: a content author's "accept all above"
/// (POST /api/content/suggestions/accept) and the per-tenant auto-apply after change-feed tagging use the same rule. A
/// suggestion without confidences (the chat model gives none) or without skills is never accepted this way. The course's
/// pending suggestions are read a page at a time; each assessment gets one new version for all its accepted items.
/// </summary>
public sealed class AcceptSuggestionsAbove(IDocumentStore store, ItemSkillsWriter writer, DecideSuggestionHandler decide, TimeProvider clock)
{
    private const int PageSize = 200;

    public async Task<Outcome<AcceptAllResult>> HandleAsync(Caller caller, AcceptAllSuggestionsCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var v = new Validation().Id(command.CourseId, "courseId", required: true).Id(command.AssessmentId, "assessmentId")
            .Require(command.MinConfidence is > 0 and <= 1, "minConfidence", "A confidence above 0 and at most 1.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await store.GetAsync<CourseRecord>(caller.Tenant, command.CourseId!, ct).ConfigureAwait(false) is null)
        {
            return Problem.NotFound("course");
        }

        var result = await AcceptAsync(caller.Tenant, command.CourseId!, command.AssessmentId, command.MinConfidence!.Value, caller.UserId,
            [.. caller.Roles.Order(StringComparer.Ordinal)], null, ct).ConfigureAwait(false);
        return Outcome<AcceptAllResult>.Ok(result);
    }

    /// <summary>True when the suggestion has skills and every one of them has a confidence of at least <paramref name="minConfidence"/>.</summary>
    public static bool IsAbove(ItemSuggestionRecord suggestion, double minConfidence)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var skills = suggestion.Item.Suggestion?.Skills ?? [];
        return skills.Count > 0 && skills.All(s => s.Confidence is { } c && c >= minConfidence);
    }

    /// <summary>Accepts the eligible pending suggestions of the course (or of one assessment, optionally only <paramref name="onlyItems"/>).</summary>
    public async Task<AcceptAllResult> AcceptAsync(
        TenantId tenant, string courseId, string? assessmentId, double minConfidence, string actor, IReadOnlyList<string> actorRoles, IReadOnlySet<string>? onlyItems, CancellationToken ct)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = SuggestionStatus.Pending.Wire() };
        if (assessmentId is not null)
        {
            fields["assessmentId"] = assessmentId;
        }

        var eligible = new List<Versioned<ItemSuggestionRecord>>();
        var skipped = 0;
        string? after = null;
        while (true)
        {
            var page = await store.QueryAsync<ItemSuggestionRecord>(tenant, new DocumentQuery(courseId, fields, PageSize, after), ct).ConfigureAwait(false);
            foreach (var s in page.Where(s => onlyItems is null || onlyItems.Contains(s.Value.ItemId)))
            {
                if (IsAbove(s.Value, minConfidence))
                {
                    eligible.Add(s);
                }
                else
                {
                    skipped++;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Value.Id;
        }

        var accepted = new List<SuggestionView>();
        foreach (var group in eligible.GroupBy(s => s.Value.AssessmentId, StringComparer.Ordinal))
        {
            var skills = group.ToDictionary(s => s.Value.ItemId, s => s.Value.SuggestedSkillIds, StringComparer.Ordinal);
            var reason = $"Tagging suggestions accepted in bulk: every skill's confidence at least {minConfidence:0.###}";
            var applied = await writer.ApplyAsync(tenant, group.Key, skills, actor, actorRoles, reason, ct).ConfigureAwait(false);
            if (applied is null)
            {
                skipped += skills.Count;
                continue;
            }

            foreach (var s in group)
            {
                var decision = new SuggestionDecision(actor, clock.GetUtcNow(), applied.PreviousSkills[s.Value.ItemId], s.Value.SuggestedSkillIds, applied.Changed ? applied.Version : null);
                var outcome = await decide.DecideAsync(tenant, s.Value, s.ETag, SuggestionStatus.Accepted, decision, ct).ConfigureAwait(false);
                if (outcome.Value is { } view)
                {
                    accepted.Add(view);
                }
                else
                {
                    skipped++;
                }
            }
        }

        return new AcceptAllResult(accepted, skipped);
    }
}
