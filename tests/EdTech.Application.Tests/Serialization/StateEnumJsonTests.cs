using System.Text.Json;
using EdTech.Application.Records;
using EdTech.Application.Serialization;
using EdTech.Domain.Serialization;
using EdTech.Domain.Submissions;

namespace EdTech.Application.Tests.Serialization;

/// <summary>
/// Each state enum against the exact text stored documents and the API hold today: renaming a member's
/// [JsonStringEnumMemberName] (a data migration) fails here first.
/// </summary>
public sealed class StateEnumJsonTests
{
    public static TheoryData<Enum, string> Members => new()
    {
        { SubmissionStatus.Accepted, "accepted" },
        { SubmissionStatus.Grading, "grading" },
        { SubmissionStatus.AwaitingReview, "awaiting-review" },
        { SubmissionStatus.Graded, "graded" },
        { SubmissionStatus.Released, "released" },
        { SubmissionStatus.NotSubmitted, "not-submitted" },
        { SubmissionStatus.Erased, "erased" },
        { TenantStatus.Active, "active" },
        { TenantStatus.Suspended, "suspended" },
        { NotificationStatus.Pending, "pending" },
        { NotificationStatus.Sent, "sent" },
        { IntegrationEventStatus.Pending, "pending" },
        { IntegrationEventStatus.Sent, "sent" },
        { IntegrationEventStatus.Held, "held" },
        { IntegrationEventStatus.Cancelled, "cancelled" },
        { TaggingJobStatus.Queued, "queued" },
        { TaggingJobStatus.Running, "running" },
        { TaggingJobStatus.Completed, "completed" },
        { TaggingJobStatus.Failed, "failed" },
        { SimulationStatus.Running, "running" },
        { SimulationStatus.Completed, "completed" },
        { SimulationStatus.Failed, "failed" },
        { SuggestionStatus.Pending, "pending" },
        { SuggestionStatus.Accepted, "accepted" },
        { SuggestionStatus.Rejected, "rejected" },
        { WorkflowRunStatus.Requested, "requested" },
        { WorkflowRunStatus.Completed, "completed" },
        { WorkflowRunStatus.Dropped, "dropped" },
    };

    public static TheoryData<Type> Enums => new()
    {
        typeof(SubmissionStatus), typeof(TenantStatus), typeof(NotificationStatus), typeof(IntegrationEventStatus),
        typeof(TaggingJobStatus), typeof(SimulationStatus), typeof(SuggestionStatus), typeof(WorkflowRunStatus),
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void Member_RoundTripsThroughTheProjectsJsonOptions_AsItsStoredText(Enum member, string stored)
    {
        var type = member.GetType();
        Assert.Equal($"\"{stored}\"", JsonSerializer.Serialize(member, type, EdTechJson.Options));
        Assert.Equal(member, JsonSerializer.Deserialize($"\"{stored}\"", type, EdTechJson.Options));
        Assert.Equal($"\"{stored}\"", JsonSerializer.Serialize(member, type, JsonSerializerOptions.Default));
    }

    [Theory]
    [MemberData(nameof(Enums))]
    public void EveryMember_IsListed_SoNoneEscapesTheRoundTrip(Type type) =>
        Assert.Equal(Enum.GetValues(type).Length, Members.Count(row => ((Enum)row[0]).GetType() == type));

    [Theory]
    [MemberData(nameof(Enums))]
    public void UnknownStoredValue_DoesNotRead(Type type) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"no-such-state\"", type, EdTechJson.Options));

    [Theory]
    [MemberData(nameof(Enums))]
    public void Number_DoesNotRead(Type type) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("1", type, EdTechJson.Options));

    [Fact]
    public void Record_KeepsItsStoredStatusText()
    {
        var json = """{"id":"n1","recipientId":"s1","kind":"results-released","subject":"x","data":{},"createdAt":"2026-01-01T00:00:00+00:00","status":"sent"}""";

        var record = JsonSerializer.Deserialize<NotificationRecord>(json, EdTechJson.Options)!;

        Assert.Equal(NotificationStatus.Sent, record.Status);
        Assert.Contains("\"status\":\"sent\"", JsonSerializer.Serialize(record, EdTechJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Wire_IsTheStoredText_NotTheCSharpName()
    {
        Assert.Equal("awaiting-review", SubmissionStatus.AwaitingReview.Wire());
        Assert.True(WireEnum.TryParse<SubmissionStatus>("awaiting-review", out var parsed));
        Assert.Equal(SubmissionStatus.AwaitingReview, parsed);
        Assert.False(WireEnum.TryParse<SubmissionStatus>("AwaitingReview", out _));
    }
}
