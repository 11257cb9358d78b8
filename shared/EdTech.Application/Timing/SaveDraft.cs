using EdTech.Application.Access;
using EdTech.Application.Assessments;
using EdTech.Application.Common;
using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Application.Submissions;
using EdTech.Domain.Timing;

namespace EdTech.Application.Timing;

/// <summary>The autosave body: the client's sequence number (1 or more, increasing per save) and the answers so far.</summary>
public sealed record SaveDraftCommand(long? Sequence, IReadOnlyList<AnswerInput>? Answers);

/// <summary>
/// PUT .../attempts/{attemptId}/draft (docs/timing.md): last write wins by the client's sequence number, never by arrival.
/// A higher sequence replaces the stored draft (ETag-conditional; a concurrent save is re-read and compared again); the same
/// sequence with the same answers is a retry (200); an older sequence, or the same with other answers, is 409 and changes
/// nothing. Refused (409) once the attempt is submitted, and for an auto-submit attempt once its end plus grace has passed.
/// </summary>
public sealed class SaveDraftHandler(IDocumentStore store, AssessmentLookup assessments, CourseAccess access, TimeProvider clock)
{
    private const int MaxRaces = 5;

    public async Task<Outcome<DraftSaved>> HandleAsync(Caller caller, string assessmentId, string attemptId, SaveDraftCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var attempt = await AttemptReads.FindAsync(store, assessments, access, caller, assessmentId, attemptId, ct).ConfigureAwait(false);
        if (attempt is null)
        {
            return Problem.NotFound("attempt");
        }

        var (record, current) = attempt.Value;
        var v = SubmitAttemptValidator.Validate(record.Assessment, new SubmitAttemptCommand(command.Answers));
        v.Require(command.Sequence is >= 1, "sequence", "Required: an integer of 1 or more, higher for each later save.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var answers = command.Answers!.Select(a => new SubmittedAnswer(a.ItemId!, a.Value)).ToList();
        var hash = SubmissionBodyHash.Of(answers);
        for (var race = 0; race < MaxRaces && current is not null; race++)
        {
            var stored = current.Value;
            if (stored.SubmissionId is not null || await store.GetAsync(caller.Tenant, Containers.Submissions, AttemptIds.SubmissionOf(stored.Id), stored.CourseId, ct).ConfigureAwait(false) is not null)
            {
                return Problem.Conflict("The attempt is submitted; drafts are closed.");
            }

            if (stored is { OverTime: OverTimePolicy.AutoSubmit, EndsAt: { } end } && now > StudentSchedule.AutoSubmitAt(end))
            {
                return Problem.Conflict("The attempt's time is over; it is submitted from the last draft.");
            }

            if (command.Sequence < stored.DraftSequence
                || (command.Sequence == stored.DraftSequence && SubmissionBodyHash.Of(stored.DraftAnswers ?? []) != hash))
            {
                return Problem.Conflict($"A draft with sequence {stored.DraftSequence} is stored; send a higher sequence.");
            }

            if (command.Sequence == stored.DraftSequence)
            {
                return Outcome<DraftSaved>.Ok(new DraftSaved(stored.Id, stored.DraftSequence, stored.DraftSavedAt ?? now));
            }

            var (status, _) = await store.ReplaceAsync(caller.Tenant, stored with { DraftSequence = command.Sequence!.Value, DraftAnswers = answers, DraftSavedAt = now }, current.ETag, ct).ConfigureAwait(false);
            if (status != WriteStatus.PreconditionFailed)
            {
                return Outcome<DraftSaved>.Ok(new DraftSaved(stored.Id, command.Sequence.Value, now));
            }

            current = await store.GetAsync<AttemptRecord>(caller.Tenant, stored.Id, stored.CourseId, ct).ConfigureAwait(false);
        }

        return Problem.Conflict("The attempt kept changing while saving; save again.");
    }
}
