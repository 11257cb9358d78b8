using System.Text.Json.Serialization;
using EdTech.Domain.Serialization;

namespace EdTech.Application.Records;

/// <summary>Where a requested durable workflow run is; stored as the names below.</summary>
[JsonConverter(typeof(WireEnumConverter<WorkflowRunStatus>))]
public enum WorkflowRunStatus
{
    [JsonStringEnumMemberName("requested")]
    Requested,

    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The owning record is gone (assessment or course deleted): nothing was run.</summary>
    [JsonStringEnumMemberName("dropped")]
    Dropped,
}
