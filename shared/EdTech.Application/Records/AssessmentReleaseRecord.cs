using EdTech.Application.Grading.Release;
using EdTech.Application.Storage;

namespace EdTech.Application.Records;

/// <summary>
/// The one write that makes an assessment's results visible: written once, before any submission is
/// flipped, by the first ReleaseResults step. Read paths treat a graded submission of an assessment with
/// this record as released, so every student of the assessment sees their score from the same instant.
/// Holds no student data.
/// </summary>
public sealed record AssessmentReleaseRecord(string Id, string CourseId, DateTimeOffset ReleasedAt) : IStoredRecord
{
    public static string Container => Containers.AssessmentReleases;

    public string PartitionKey => CourseId;
}
