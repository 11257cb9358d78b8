namespace EdTech.Application.Usage;

/// <summary>One learning event as the app posts it (API.md, "Usage events"); every field is checked by <see cref="UsageEventsValidator"/>.</summary>
public sealed record UsageEventInput(string? Id, string? Verb, string? ObjectType, string? ObjectId, string? CourseId, DateTimeOffset? At, double? DurationSeconds);

/// <summary>POST /api/student/events: a batch of the signed-in student's events.</summary>
public sealed record RecordUsageEventsCommand(IReadOnlyList<UsageEventInput?>? Events);

/// <summary>202 body: events newly stored, and events whose id was already stored (or repeated in the batch).</summary>
public sealed record UsageEventsAccepted(int Accepted, int Duplicates);
