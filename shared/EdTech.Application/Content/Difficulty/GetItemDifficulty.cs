using EdTech.Application.Access;
using EdTech.Application.Common;
using EdTech.Application.Content.Tagging;
using EdTech.Application.Records;
using EdTech.Application.Records.Views;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Content;
using EdTech.Domain.Learning.EloModel;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Content.Difficulty;

/// <summary>
/// One item's difficulty that learns: the prior (its tagging suggestion's level while that suggestion
/// still describes the item's content and was not rejected, else <see cref="DifficultyEstimate"/> from its text) blended
/// with the evidence of its responses (<see cref="LearnedDifficulty"/>): the nightly 2PL calibration when it exists with
/// enough discrimination, else the online Elo statistics. Point reads only (the assessment, the suggestion, the item's
/// parameters and statistics), all in the caller's tenant. 404 naming the assessment or the item when either is not
/// visible (an ill-formed id included, as the other item routes do); a teacher reads only items of a course they teach.
/// </summary>
public sealed class GetItemDifficultyHandler(IDocumentStore store, CourseAccess access)
{
    /// <summary>For a content author: any item of the tenant.</summary>
    public Task<Outcome<ItemDifficultyView>> ForContentAsync(Caller caller, string assessmentId, string itemId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ReadAsync(caller, assessmentId, itemId, teacherOnly: false, ct);
    }

    /// <summary>For a teacher: only an item of a course the caller teaches (404 otherwise, so ids do not leak).</summary>
    public Task<Outcome<ItemDifficultyView>> ForTeacherAsync(Caller caller, string assessmentId, string itemId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ReadAsync(caller, assessmentId, itemId, teacherOnly: true, ct);
    }

    private async Task<Outcome<ItemDifficultyView>> ReadAsync(Caller caller, string assessmentId, string itemId, bool teacherOnly, CancellationToken ct)
    {
        if (!ResourceId.IsValid(assessmentId)
            || await store.GetAsync<AssessmentRecord>(caller.Tenant, assessmentId, ct).ConfigureAwait(false) is not { } stored
            || (teacherOnly && !await access.IsEnrolledAsync(caller.Tenant, stored.Value.CourseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false)))
        {
            return Problem.NotFound("assessment");
        }

        var assessment = stored.Value;
        if (!ResourceId.IsValid(itemId) || assessment.Assessment.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return Problem.NotFound("item in that assessment");
        }

        var key = ItemStatsRecord.IdFor(assessmentId, itemId);
        var suggestion = await store.GetAsync<ItemSuggestionRecord>(caller.Tenant, ItemSuggestionRecord.IdOf(assessmentId, itemId), assessment.CourseId, ct).ConfigureAwait(false);
        var parameters = await store.GetAsync<ItemParametersRecord>(caller.Tenant, ItemParametersRecord.IdFor(assessmentId, itemId), assessment.CourseId, ct).ConfigureAwait(false);
        var stats = await store.GetAsync<ItemStatsRecord>(caller.Tenant, key, assessment.CourseId, ct).ConfigureAwait(false);

        var (level, source) = PriorOf(item, suggestion?.Value);
        var observed = stats?.Value is { Attempts: > 0 } s ? LearnedDifficulty.SmoothedProportion(s.Attempts, s.Correct) : (double?)null;
        var evidence = DifficultyEvidence.Choose(
            parameters?.Value is { } p ? DifficultyEvidence.Irt(p.Difficulty, p.Discrimination, p.Responses, observed) : null,
            stats?.Value is { } e ? DifficultyEvidence.Elo(e.Difficulty, e.Attempts, e.Correct) : null);
        var blend = LearnedDifficulty.Blend(level, evidence);
        return Outcome<ItemDifficultyView>.Ok(ItemDifficultyView.Of(assessment.CourseId, assessmentId, itemId, level, source, blend, evidence,
            evidence?.Source == DifficultyEvidence.IrtSource ? parameters?.Value.CalibratedAt : null));
    }

    /// <summary>
    /// The suggested level when the item's suggestion was made from its current content and not rejected (accepted ones
    /// first: an author reviewed them); otherwise the text estimate, which is also what the offline tagger would suggest.
    /// </summary>
    public static (int Level, string Source) PriorOf(AssessmentItem item, ItemSuggestionRecord? suggestion)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (suggestion is { Item.Suggestion: { } suggested } && suggestion.Status != SuggestionStatus.Rejected
            && suggestion.ContentHash == ItemContentHash.Of(item))
        {
            return (suggested.Difficulty, suggestion.Status == SuggestionStatus.Accepted ? ItemDifficultyView.AcceptedSuggestionPrior : ItemDifficultyView.SuggestionPrior);
        }

        return (DifficultyEstimate.Of(item).Level, ItemDifficultyView.TextPrior);
    }
}
