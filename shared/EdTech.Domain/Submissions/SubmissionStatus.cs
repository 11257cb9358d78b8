using System.Text.Json.Serialization;
using EdTech.Domain.Serialization;

namespace EdTech.Domain.Submissions;

/// <summary>Where a submission is in grading; stored and served as the names below (a rename is a data migration).</summary>
[JsonConverter(typeof(WireEnumConverter<SubmissionStatus>))]
public enum SubmissionStatus
{
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    [JsonStringEnumMemberName("grading")]
    Grading,

    [JsonStringEnumMemberName("awaiting-review")]
    AwaitingReview,

    [JsonStringEnumMemberName("graded")]
    Graded,

    [JsonStringEnumMemberName("released")]
    Released,

    /// <summary>Never stored on a submission: a gradebook cell of a student with no submission.</summary>
    [JsonStringEnumMemberName("not-submitted")]
    NotSubmitted,

    /// <summary>Never stored: what grading answers for a submission erased with its student meanwhile.</summary>
    [JsonStringEnumMemberName("erased")]
    Erased,
}

public static class SubmissionStatuses
{
    public static bool IsFinished(this SubmissionStatus status) => status is SubmissionStatus.Graded or SubmissionStatus.Released;
}
