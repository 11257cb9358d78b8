using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Assessments.Lifecycle;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Learning;

public sealed record RateItemCommand(string? AssessmentId, bool? Helpful, string? Comment);

public sealed record ItemRatingView(string AssessmentId, string ItemId, bool Helpful, string? Comment, DateTimeOffset RatedAt);

/// <summary>A student rates an item of an assessment in a course they are enrolled in; one rating per student and item, re-rating replaces it.</summary>
public sealed class RateItemHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, TimeProvider clock)
{
    public const int MaxCommentLength = 1000;

    public async Task<Outcome<ItemRatingView>> HandleAsync(Caller caller, string itemId, RateItemCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var v = new Validation()
            .Id(command.AssessmentId, "assessmentId", required: true)
            .Require(command.Helpful is not null, "helpful", "Required: true or false.")
            .Text(command.Comment, "comment", MaxCommentLength, required: false);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var assessment = await assessments.FindAsync(caller.Tenant, command.AssessmentId!, ct).ConfigureAwait(false);
        if (assessment is null || !assessment.IsPublished()
            || !await access.IsEnrolledAsync(caller.Tenant, assessment.CourseId, caller.UserId, Roles.Student, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("assessment");
        }

        if (!assessment.Assessment.Items.Any(i => i.Id == itemId))
        {
            return Problem.NotFound("item");
        }

        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        var rating = new ItemRatingRecord(ItemRatingRecord.IdFor(assessment.Id, itemId, caller.UserId), assessment.CourseId, assessment.Id, itemId,
            caller.UserId, command.Helpful!.Value, comment, clock.GetUtcNow());
        Written.Ensure(await store.ReplaceAsync(caller.Tenant, rating, null, ct).ConfigureAwait(false));
        return Outcome<ItemRatingView>.Ok(new ItemRatingView(rating.AssessmentId, rating.ItemId, rating.Helpful, rating.Comment, rating.RatedAt));
    }
}
