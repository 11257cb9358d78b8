using EdTech.Application.Storage;
using EdTech.Domain.Assessments;

namespace EdTech.Application.Records;

/// <summary>
/// A frozen copy of one version of an assessment, written when an edit supersedes it, so work answered
/// (or a regrade started) against that version can still read it. The current version lives in
/// <see cref="AssessmentRecord"/>; id is <c>{assessmentId}:v{version}</c>.
/// </summary>
public sealed record AssessmentVersionRecord(string Id, string AssessmentId, string CourseId, int Version, Assessment Assessment, DateTimeOffset CreatedAt) : IStoredRecord
{
    public static string Container => Containers.AssessmentVersions;

    public string PartitionKey => CourseId;

    public static string IdOf(string assessmentId, int version) => $"{assessmentId}:v{version}";

    public static AssessmentVersionRecord Of(AssessmentRecord current, DateTimeOffset at) =>
        new(IdOf(current.Id, current.Version), current.Id, current.CourseId, current.Version, current.Assessment, at);
}
