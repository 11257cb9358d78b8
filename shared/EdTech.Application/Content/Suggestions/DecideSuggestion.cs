using EdTech.Domain.Serialization;
using EdTech.Application.Common;
using EdTech.Application.Content.Taxonomy;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Suggestions;

/// <summary>Body of POST /api/content/suggestions/{assessmentId}/{itemId}/accept: the skills to apply instead of the suggested ones (an edit).</summary>
public sealed record AcceptSuggestionCommand(IReadOnlyList<string?>? Skills);

/// <summary>
/// A content author accepts (optionally editing the skills) or rejects one item's pending suggestion. Checks in order:
/// the item and its suggestion exist in the caller's tenant (404), it is still pending (409), the skills are valid ids of
/// the tenant's taxonomy (422 naming each unknown one). Accepting writes the skills as a new assessment version
/// (<see cref="ItemSkillsWriter"/>, audited) and then records the decision, conditional on the suggestion's ETag, so two
/// authors deciding at once get one 200 and one 409.
/// </summary>
public sealed class DecideSuggestionHandler(IDocumentStore store, SkillTaxonomyStore taxonomy, ItemSkillsWriter writer, TimeProvider clock)
{
    public const int MaxSkills = 20;

    public async Task<Outcome<SuggestionView>> AcceptAsync(Caller caller, string assessmentId, string itemId, AcceptSuggestionCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var found = await FindPendingAsync(caller.Tenant, assessmentId, itemId, ct).ConfigureAwait(false);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var (suggestion, etag) = found.Value!;
        var skills = command.Skills ?? suggestion.SuggestedSkillIds;
        if (await ValidateSkillsAsync(caller.Tenant, skills, edited: command.Skills is not null, ct).ConfigureAwait(false) is { } invalid)
        {
            return invalid;
        }

        var accepted = skills.Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
        var applied = await writer.ApplyAsync(caller.Tenant, assessmentId, new Dictionary<string, IReadOnlyList<string>> { [itemId] = accepted },
            caller.UserId, [.. caller.Roles.Order(StringComparer.Ordinal)], Reason(suggestion, command.Skills is not null), ct).ConfigureAwait(false);
        if (applied is null)
        {
            return Problem.NotFound("assessment item");
        }

        var decision = new SuggestionDecision(caller.UserId, clock.GetUtcNow(), applied.PreviousSkills[itemId], accepted, applied.Changed ? applied.Version : null);
        return await DecideAsync(caller.Tenant, suggestion, etag, SuggestionStatus.Accepted, decision, ct).ConfigureAwait(false);
    }

    public async Task<Outcome<SuggestionView>> RejectAsync(Caller caller, string assessmentId, string itemId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = await FindPendingAsync(caller.Tenant, assessmentId, itemId, ct).ConfigureAwait(false);
        if (found.Problem is { } problem)
        {
            return problem;
        }

        var (suggestion, etag) = found.Value!;
        var assessment = await store.GetAsync<AssessmentRecord>(caller.Tenant, assessmentId, ct).ConfigureAwait(false);
        var skills = assessment?.Value.Assessment.Items.FirstOrDefault(i => i.Id == itemId)?.Skills ?? [];
        var decision = new SuggestionDecision(caller.UserId, clock.GetUtcNow(), skills, null, null);
        return await DecideAsync(caller.Tenant, suggestion, etag, SuggestionStatus.Rejected, decision, ct).ConfigureAwait(false);
    }

    /// <summary>Records the decision on the suggestion read (If-Match): 409 when it was decided meanwhile.</summary>
    internal async Task<Outcome<SuggestionView>> DecideAsync(TenantId tenant, ItemSuggestionRecord suggestion, string etag, SuggestionStatus status, SuggestionDecision decision, CancellationToken ct)
    {
        var decided = suggestion with { Status = status, Decision = decision };
        var (result, _) = await store.ReplaceAsync(tenant, decided, etag, ct).ConfigureAwait(false);
        return result == WriteStatus.PreconditionFailed
            ? Problem.Conflict("The suggestion changed while you decided it (decided by someone else, or the item was tagged again); read it again.")
            : Outcome<SuggestionView>.Ok(SuggestionView.Of(decided));
    }

    /// <summary>The item's suggestion and its ETag when pending; 404 when the item or its suggestion is not in the tenant, 409 when decided.</summary>
    internal async Task<Outcome<(ItemSuggestionRecord Suggestion, string ETag)>> FindPendingAsync(TenantId tenant, string assessmentId, string itemId, CancellationToken ct)
    {
        if (!ResourceId.IsValid(assessmentId) || !ResourceId.IsValid(itemId)
            || await store.GetAsync<AssessmentRecord>(tenant, assessmentId, ct).ConfigureAwait(false) is not { } assessment
            || assessment.Value.Assessment.Items.All(i => i.Id != itemId)
            || await store.GetAsync<ItemSuggestionRecord>(tenant, ItemSuggestionRecord.IdOf(assessmentId, itemId), assessment.Value.CourseId, ct).ConfigureAwait(false) is not { } stored)
        {
            return Problem.NotFound("suggestion for that item");
        }

        return stored.Value.Status == SuggestionStatus.Pending
            ? Outcome<(ItemSuggestionRecord, string)>.Ok((stored.Value, stored.ETag))
            : Problem.Conflict($"The suggestion was already {stored.Value.Status.Wire()} by {stored.Value.Decision?.By} at {stored.Value.Decision?.At:O}.");
    }

    /// <summary>422 naming <c>skills</c> or each bad <c>skills[i]</c>: ill-formed ids, and ids not in the tenant's taxonomy (named in the message).</summary>
    private async Task<Problem?> ValidateSkillsAsync(TenantId tenant, IReadOnlyList<string?> skills, bool edited, CancellationToken ct)
    {
        var v = new Validation();
        if (skills.Count == 0)
        {
            return v.Add("skills", edited ? "Give at least one skill id (reject the suggestion to keep the item's skills)." : "The suggestion has no skills; send the skills to accept.").ToProblem();
        }

        v.Require(skills.Count <= MaxSkills, "skills", $"At most {MaxSkills} skills.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        await taxonomy.EnsureSeededAsync(tenant, ct).ConfigureAwait(false);
        for (var i = 0; i < skills.Count; i++)
        {
            if (!TaxonomyRules.IsSkillId(skills[i]))
            {
                v.SkillId(skills[i] ?? "", $"skills[{i}]");
            }
            else if (await store.GetAsync<TaxonomySkillRecord>(tenant, skills[i]!, ct).ConfigureAwait(false) is null)
            {
                v.Add($"skills[{i}]", $"Unknown skill '{skills[i]}': not in the tenant's taxonomy (PUT /api/content/taxonomy/skills/{skills[i]} first).");
            }
        }

        return v.IsValid ? null : v.ToProblem();
    }

    private static string Reason(ItemSuggestionRecord suggestion, bool edited) =>
        $"Tagging suggestion {(edited ? "accepted with edits" : "accepted")} ({suggestion.Item.Suggestion?.Tagger.Name} {suggestion.Item.Suggestion?.Tagger.Version}, {suggestion.Source})";
}
