using System.Text.Json.Serialization;
using EdTech.Domain.Serialization;

namespace EdTech.Application.Records;

/// <summary>Whether the notification dispatcher still has to publish a notification; stored as the names below.</summary>
[JsonConverter(typeof(WireEnumConverter<NotificationStatus>))]
public enum NotificationStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Written by versions before 2026-12-06, which re-wrote each published record; never written now, and skipped like any non-pending status.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,
}
