using EdTech.Domain.Serialization;
using EdTech.Application.Access;
using EdTech.Application.Audit;
using EdTech.Application.Common;
using EdTech.Application.Outbox;
using EdTech.Application.Projections;
using EdTech.Application.Records;
using EdTech.Application.Rubrics;
using EdTech.Application.Storage;
using EdTech.Domain.Assessments;
using EdTech.Domain.Grading;
using EdTech.Domain.Submissions;
using EdTech.Domain.Tenancy;
using Microsoft.Extensions.Logging;

namespace EdTech.Application.Grading.Review;

/// <param name="Criteria">For an item scored with a rubric: a level per criterion (the score is then computed, never sent).</param>
public sealed record TeacherItemScore(string? ItemId, decimal? Score, string? Comment, IReadOnlyList<CriterionChoiceInput?>? Criteria = null);

public sealed record GradeSubmissionCommand(IReadOnlyList<TeacherItemScore>? ItemScores, string? Reason);

/// <summary>
/// A teacher scores manual items and/or overrides auto-scored ones, conditional on the submission's ETag.
/// Checks in order: visible to the caller (404), If-Match present (428), ETag current (412), not still
/// being auto-graded (409), body valid (422). Once every item has a score the submission is graded with
/// the late penalty applied, then released at once if its policy's time has come. Every changed item is
/// audited before the write (write-ahead, as the grading steps are), with ids derived from the ETag the
/// write is conditional on, so a retried request appends nothing new. The grade is shown in the gradebook (and the student's view
/// once released) before the response (<see cref="ResultsShown"/>).
/// </summary>
public sealed class GradeSubmissionHandler(
    IDocumentStore store, CourseAccess access, IAuditLog audit, IntegrationEventOutbox events, SubmissionGrader grader, IGradingWorkflow workflow, SubmissionViews views, TimeProvider clock, ILogger<GradeSubmissionHandler> logger)
{
    public const int MaxCommentLength = 2000;
    public const int MaxReasonLength = 1000;

    public async Task<Outcome<TeacherSubmission>> HandleAsync(Caller caller, string submissionId, GradeSubmissionCommand command, string? ifMatch, CancellationToken ct)
    {
        var stored = await store.GetAsync<SubmissionRecord>(caller.Tenant, submissionId, ct).ConfigureAwait(false);
        if (stored is null || !await access.IsEnrolledAsync(caller.Tenant, stored.Value.CourseId, caller.UserId, Roles.Teacher, ct).ConfigureAwait(false))
        {
            return Problem.NotFound("submission");
        }

        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return new Problem(ProblemKind.PreconditionRequired, "Precondition required", "Send If-Match with the ETag from GET /api/teacher/submissions/{submissionId}.");
        }

        if (!string.Equals(ifMatch.Trim(), stored.ETag, StringComparison.Ordinal))
        {
            return Stale();
        }

        var submission = stored.Value;
        if (submission.Status is SubmissionStatus.Accepted or SubmissionStatus.Grading || submission.ItemScores is null)
        {
            return Problem.Conflict("The submission is still being auto-graded; try again shortly.");
        }

        var assessment = await store.GetAsync<AssessmentRecord>(caller.Tenant, submission.AssessmentId, submission.CourseId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Assessment {submission.AssessmentId} of submission {submissionId} is missing.");
        var items = assessment.Value.Assessment.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var current = submission.ItemScores.ToDictionary(s => s.ItemId, StringComparer.Ordinal);
        var scoredItems = (command.ItemScores ?? []).Select(s => s?.ItemId is null ? null : items.GetValueOrDefault(s.ItemId)).OfType<AssessmentItem>().Distinct();
        var rubrics = await RubricGrading.LoadAsync(store, caller.Tenant, submission.CourseId, scoredItems, ct).ConfigureAwait(false);
        if (rubrics is null)
        {
            return Problem.Conflict("An item's rubric is no longer in the course.");
        }

        if (Validate(command, items, current, rubrics) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        var given = command.ItemScores!.Select(s => Resolve(s, items[s.ItemId!], rubrics)).ToList();
        var review = SubmissionGrades.GradeOf(submission).Review(assessment.Value.Assessment, given, now);
        var graded = submission.WithGrade(review.Grade);
        if (review.ChangesNothing)
        {
            return Outcome<TeacherSubmission>.Ok(new TeacherSubmission(TeacherSubmissionView.Of(submission), stored.ETag));
        }

        var changes = Audits(caller, submission, graded, review, command.Reason, stored.ETag, now);
        foreach (var entry in changes)
        {
            await audit.AppendAsync(caller.Tenant, entry, ct).ConfigureAwait(false);
        }

        var gradeChanged = IntegrationEvents.GradeChanged(submission, graded, IntegrationEvents.TeacherCause(stored.ETag), now);
        await events.HoldAsync(caller.Tenant, gradeChanged, ct).ConfigureAwait(false);

        var (status, written) = await store.ReplaceAsync(caller.Tenant, graded, stored.ETag, ct).ConfigureAwait(false);
        if (status == WriteStatus.PreconditionFailed || written is null)
        {
            // Lost a race after the audit entries were written: the log must not show a change that never happened.
            await Task.WhenAll(changes.Select(e => audit.AppendAsync(caller.Tenant, GradeAudit.NotApplied(e, now), CancellationToken.None))).ConfigureAwait(false);
            await SettleLostEventAsync(caller.Tenant, graded, gradeChanged).ConfigureAwait(false);
            return Stale();
        }

        await events.ReleaseAsync(caller.Tenant, gradeChanged, ct).ConfigureAwait(false);
        logger.LogInformation("Teacher {UserId} graded {SubmissionId} in {TenantId}: {Status} {Score}/{MaxScore}", caller.UserId, submissionId, caller.Tenant, graded.Status.Wire(), graded.Score, graded.MaxScore);
        if (graded.Status == SubmissionStatus.Graded)
        {
            try
            {
                await grader.ReleaseIfDueAsync(caller.Tenant, submissionId, ct).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException e)
            {
                // Someone else wrote the submission in between (a release, another grade): the grade stands; the response shows the latest state.
                logger.LogInformation(e, "Release of {SubmissionId} after grading lost a race", submissionId);
            }

            if (review.ReviewCompleted)
            {
                await NotifyReviewedAsync(caller.Tenant, submissionId, ct).ConfigureAwait(false);
            }

            written = await store.GetAsync<SubmissionRecord>(caller.Tenant, submissionId, submission.CourseId, ct).ConfigureAwait(false) ?? written;
        }

        // The teacher's gradebook (and, once released, the student's view) shows the grade now, not after the feed's next delivery.
        await ResultsShown.TryAsync(views, logger, caller.Tenant, [submissionId]).ConfigureAwait(false);
        return Outcome<TeacherSubmission>.Ok(new TeacherSubmission(TeacherSubmissionView.Of(written.Value), written.ETag));
    }

    /// <summary>The teacher's score for an item as merged: for a rubric item, computed from the chosen levels.</summary>
    private static TeacherScore Resolve(TeacherItemScore given, AssessmentItem item, IReadOnlyDictionary<string, ItemRubric> rubrics)
    {
        var (score, rubric) = rubrics.TryGetValue(item.Id, out var itemRubric)
            ? RubricGrading.Score(itemRubric, given.Criteria!, item.Points)
            : (given.Score!.Value, null);
        return new TeacherScore(item.Id, score, given.Comment, rubric);
    }

    /// <summary>Per changed item its new rubric levels and its score, then the submission's score: the entries written ahead of the grade.</summary>
    private static List<AuditEntry> Audits(Caller caller, SubmissionRecord submission, SubmissionRecord graded, ReviewOutcome review, string? reason, string baseETag, DateTimeOffset now)
    {
        var roles = caller.Roles.Order(StringComparer.Ordinal).ToList();
        var changes = new List<AuditEntry>();
        foreach (var change in review.ItemChanges)
        {
            if (change.RubricChanged)
            {
                changes.Add(RubricGrading.Audit(submission, change.After.ItemId, change.Before.Rubric, change.After.Rubric!, reason, caller.UserId, roles, baseETag, now));
            }

            if (change.ScoreChanged)
            {
                changes.Add(GradeAudit.TeacherItemScored(submission, change.After.ItemId, change.Before.Score, change.After.Score!.Value, reason, caller.UserId, roles, baseETag, now));
            }
        }

        if (review.ScoreChanged)
        {
            changes.Add(GradeAudit.TeacherScored(submission, graded, reason, caller.UserId, roles, baseETag, now));
        }

        return changes;
    }

    /// <summary>
    /// Ends the workflow's wait for review. Releasing does not depend on it (done just above), so a workflow
    /// engine that is down or lost its instance never fails the teacher's request; its own reminder step, or the
    /// reconciler, finishes the instance.
    /// </summary>
    private async Task NotifyReviewedAsync(TenantId tenant, string submissionId, CancellationToken ct)
    {
        try
        {
            await workflow.NotifyReviewedAsync(tenant, submissionId, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not notify the grading workflow of {SubmissionId} in {TenantId} that review is complete", submissionId, tenant);
        }
    }

    /// <summary>
    /// The write lost its race. The event's id comes from the base ETag, so a twin request (a client retry racing the original)
    /// holds the same event: if the submission now carries exactly this grade, the twin's write landed and the event stands;
    /// otherwise the change did not happen and the event is cancelled.
    /// </summary>
    private async Task SettleLostEventAsync(TenantId tenant, SubmissionRecord intended, IntegrationEventRecord? gradeChanged)
    {
        var current = await store.GetAsync<SubmissionRecord>(tenant, intended.Id, CancellationToken.None).ConfigureAwait(false);
        var landed = current is not null && current.Value.Score == intended.Score
            && (current.Value.ItemScores ?? []).SequenceEqual(intended.ItemScores ?? []);
        await (landed ? events.ReleaseAsync(tenant, gradeChanged, CancellationToken.None) : events.CancelAsync(tenant, gradeChanged, CancellationToken.None)).ConfigureAwait(false);
    }

    private static Problem Stale() =>
        new(ProblemKind.PreconditionFailed, "Precondition failed", "The submission changed since you read it; GET it again and re-apply your grade.");

    private static Problem? Validate(
        GradeSubmissionCommand command, IReadOnlyDictionary<string, AssessmentItem> items, IReadOnlyDictionary<string, ItemScore> current, IReadOnlyDictionary<string, ItemRubric> rubrics)
    {
        var v = new Validation();
        if (command.ItemScores is not { Count: > 0 } given)
        {
            return v.Add("itemScores", "At least one item score is required.").ToProblem();
        }

        var reasonGiven = !string.IsNullOrWhiteSpace(command.Reason);
        v.Require(command.Reason is null || command.Reason.Length <= MaxReasonLength, "reason", $"At most {MaxReasonLength} characters.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < given.Count; i++)
        {
            var s = given[i];
            if (s is null)
            {
                v.Add($"itemScores[{i}]", "Required.");
                continue;
            }

            // No `out var` behind `||`: every mutant of this method must compile (tools/mutation).
            var item = s.ItemId is null ? null : items.GetValueOrDefault(s.ItemId);
            if (item is null)
            {
                v.Add($"itemScores[{i}].itemId", "No item with that id in the assessment.");
                continue;
            }

            if (!seen.Add(item.Id))
            {
                v.Add($"itemScores[{i}].itemId", "Scored more than once.");
            }

            var rubric = rubrics.GetValueOrDefault(item.Id);
            if (rubric is not null)
            {
                RubricGrading.Validate(v, $"itemScores[{i}]", s.Score, s.Criteria, rubric);
                v.Require(s.Comment is null || s.Comment.Length <= MaxCommentLength, $"itemScores[{i}].comment", $"At most {MaxCommentLength} characters.");
                continue;
            }

            v.Require(s.Criteria is null, $"itemScores[{i}].criteria", "The item has no rubric: send a score.");
            switch (SubmissionGrade.CheckScore(item, current.GetValueOrDefault(item.Id), s.Score, reasonGiven))
            {
                case ScoreCheck.Missing:
                    v.Add($"itemScores[{i}].score", "Required.");
                    break;
                case ScoreCheck.OutOfRange:
                    v.Add($"itemScores[{i}].score", $"Between 0 and {item.Points}.");
                    break;
                case ScoreCheck.OverrideNeedsReason:
                    v.Add("reason", $"Overriding the auto-scored item {s.ItemId} requires a reason.");
                    break;
            }

            v.Require(s.Comment is null || s.Comment.Length <= MaxCommentLength, $"itemScores[{i}].comment", $"At most {MaxCommentLength} characters.");
        }

        return v.IsValid ? null : v.ToProblem();
    }
}
