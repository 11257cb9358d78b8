using System.Text.Json.Serialization;
using EdTech.Domain.Serialization;

namespace EdTech.Application.Records;

/// <summary>Where an outbox integration event is; stored as the names below.</summary>
[JsonConverter(typeof(WireEnumConverter<IntegrationEventStatus>))]
public enum IntegrationEventStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Written by versions before 2026-12-06, which re-wrote each published record; never written now, and skipped like any non-pending status.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>
    /// Written ahead of a conditional write that may lose its race (a teacher's grade, an assessment edit): not published until the
    /// write succeeds and releases it to <see cref="Pending"/>, so the outbox never announces a change that did not happen.
    /// </summary>
    [JsonStringEnumMemberName("held")]
    Held,

    /// <summary>The change it announced did not happen (the write lost a race): never published.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
