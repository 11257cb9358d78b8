using EdTech.Application.Records;
using EdTech.Application.Storage;
using EdTech.Domain.Tenancy;

namespace EdTech.Application.Grading;

/// <summary>
/// One grading batch's (or release page's) view of its assessments: each distinct assessment is read once (and its release
/// due-check made once), however many of its submissions belong to it. Lives for one phase of one batch or page, never longer:
/// a later phase that must see writes made meanwhile (the catch-up after the grades are written, the release after grading)
/// takes a new one.
/// </summary>
internal sealed class AssessmentReads(IDocumentStore store, TenantId tenant, CancellationToken ct)
{
    private readonly Dictionary<string, Task<Versioned<AssessmentRecord>?>> _reads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<bool>> _due = new(StringComparer.Ordinal);

    public Task<Versioned<AssessmentRecord>?> GetAsync(SubmissionRecord submission)
    {
        lock (_reads)
        {
            var key = submission.CourseId + "/" + submission.AssessmentId;
            if (!_reads.TryGetValue(key, out var read))
            {
                read = store.GetAsync<AssessmentRecord>(tenant, submission.AssessmentId, submission.CourseId, ct);
                _reads[key] = read;
            }

            return read;
        }
    }

    /// <summary>Whether the assessment's results are due, decided once per batch (an atomic policy's release record is ensured once).</summary>
    public Task<bool> DueAsync(AssessmentRecord assessment, Func<Task<bool>> decide)
    {
        lock (_due)
        {
            var key = assessment.CourseId + "/" + assessment.Id;
            if (!_due.TryGetValue(key, out var due))
            {
                due = decide();
                _due[key] = due;
            }

            return due;
        }
    }
}
