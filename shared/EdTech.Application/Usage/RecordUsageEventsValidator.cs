using EdTech.Application.Common;
using EdTech.Domain.Tenancy;
using EdTech.Domain.Usage;

namespace EdTech.Application.Usage;

/// <summary>A field of one event that is wrong, named relative to the event ("at", "objectId"; "" for the event itself).</summary>
public sealed record UsageEventError(string Field, string Message);

/// <summary>The shape of a batch and of each event, without the store: limits, enums, ids, times and durations.</summary>
public static class RecordUsageEventsValidator
{
    public static Problem? ValidateBatch(RecordUsageEventsCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Events switch
        {
            null => Problem.Invalid("events", "Required: an array of events."),
            { Count: 0 } => Problem.Invalid("events", "At least one event."),
            { Count: > UsageRules.MaxEventsPerBatch } => Problem.Invalid("events", $"At most {UsageRules.MaxEventsPerBatch} events per batch."),
            _ => null,
        };
    }

    /// <summary>The first wrong field of <paramref name="e"/>, or null; <paramref name="now"/> is the server's clock.</summary>
    public static UsageEventError? ValidateShape(UsageEventInput? e, DateTimeOffset now)
    {
        if (e is null)
        {
            return new("", "Required: an event object.");
        }

        if (!ResourceId.IsValid(e.Id))
        {
            return new("id", e.Id is null ? "Required: the client's event id." : IdRule);
        }

        if (e.Verb is null || !UsageRules.Verbs.Contains(e.Verb))
        {
            return new("verb", "One of: " + string.Join(", ", UsageRules.Verbs) + ".");
        }

        if (e.ObjectType is null || !UsageRules.ObjectTypes.Contains(e.ObjectType))
        {
            return new("objectType", "One of: " + string.Join(", ", UsageRules.ObjectTypes) + ".");
        }

        if (ObjectIdProblem(e.ObjectType, e.ObjectId) is { } objectProblem)
        {
            return new("objectId", objectProblem);
        }

        if (!ResourceId.IsValid(e.CourseId))
        {
            return new("courseId", e.CourseId is null ? "Required." : IdRule);
        }

        if (e.At is not { } at)
        {
            return new("at", "Required: when the event happened (ISO 8601 with offset).");
        }

        if (at < Validation.EarliestInstant)
        {
            return new("at", "Not before 2000-01-01.");
        }

        if (!UsageRules.IsNotTooFarAhead(at, now))
        {
            return new("at", $"At most {UsageRules.MaxClockSkew.TotalMinutes:0} minutes in the future.");
        }

        return e.DurationSeconds is { } d && !UsageRules.IsValidDuration(d) ? new("durationSeconds", $"0 to {UsageRules.MaxDurationSeconds:0}.") : null;
    }

    /// <summary>assessment: an assessment id; item: "assessmentId/itemId"; content: "moduleId" or "moduleId/itemId".</summary>
    private static string? ObjectIdProblem(string objectType, string? objectId)
    {
        var parts = objectId?.Split('/') ?? [];
        var ok = objectType switch
        {
            "assessment" => parts.Length == 1,
            "item" => parts.Length == 2,
            _ => parts.Length is 1 or 2,
        } && parts.All(ResourceId.IsValid);
        return ok ? null : objectType switch
        {
            "assessment" => "An assessment id.",
            "item" => "\"assessmentId/itemId\".",
            _ => "A module id, or \"moduleId/itemId\" for one of its items.",
        };
    }

    private const string IdRule = "Letters, digits, '.', '_', '@' or '-', at most 128, starting with a letter or digit.";
}
